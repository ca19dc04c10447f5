import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/indicators/{id}`: canonical value, TLP, status, provenance, history, sightings, the lists and
/// orders it is on, and the analyst actions (revoke, false positive, change TLP).
enum IndicatorDetailPage {
    static func data(
        id: String, request: Request, principal: Principal, services: ServiceContainer, frame: PageFrame, ui: WebUI
    ) async throws -> [String: Any] {
        let detail = try await services.indicators.detail(id: id, for: principal)
        let indicator = detail.indicator
        let sources = Dictionary(uniqueKeysWithValues: try await services.sources.list(for: principal).map { ($0.id, $0.name) })
        let organisations = try await services.users.organisationNames(visibleTo: principal)
        let summary = try await services.matching.summary(indicatorID: id, for: principal)
        let sightings = try await services.matching.sightings(indicatorID: id, observer: nil, before: nil, limit: 20, for: principal)
        let lists = try await services.blocklists.lists(containing: indicator.id, for: principal)
        let orders = try await services.orders.list(for: principal).filter { order in
            order.resources.contains { $0.indicatorID == id || $0.value == indicator.value }
        }
        let canAct = frame.allows(.staff)
        let done = try request.query("done").flatMap { ["revoked", "false-positive", "tlp"].contains($0) ? $0 : nil }
        return [
            "id": indicator.id, "value": indicator.value, "type": indicator.type.rawValue, "tlp": indicator.tlp.rawValue,
            "status": indicator.status.rawValue, "status_label": ui.text("status_\(indicator.status.rawValue)", frame),
            "threat_type": indicator.threatType.rawValue, "confidence": indicator.confidence,
            "owner": organisations[indicator.ownerOrganisationID] ?? indicator.ownerOrganisationID,
            "constituency": indicator.constituencyOrganisationID.map { organisations[$0] ?? $0 } as Any,
            "description": indicator.description, "tags": indicator.tags.joined(separator: ", "),
            "first_seen": WebUI.time(indicator.firstSeen), "last_seen": WebUI.time(indicator.lastSeen),
            "valid_until": WebUI.time(indicator.validUntil), "created": WebUI.time(indicator.createdAt),
            "suppressed_by": indicator.suppressedBy as Any,
            "provenance": detail.provenance.map { entry in
                [
                    "source": sources[entry.sourceID] ?? entry.sourceID, "first_seen": WebUI.time(entry.firstSeen),
                    "last_seen": WebUI.time(entry.lastSeen), "times": entry.timesSeen, "confidence": entry.confidence,
                ] as [String: Any]
            },
            "history": detail.history.reversed().map { entry in
                ["at": WebUI.time(entry.at), "actor": entry.actor, "change": entry.change, "details": entry.details]
            },
            "sighting_count": summary.count, "sighting_observers": summary.observers,
            "sightings": sightings.map { row in
                [
                    "hour": WebUI.time(row.hour), "observer": row.observer, "client": row.client, "count": row.count,
                    "organisation": row.organisationID.map { organisations[$0] ?? $0 } ?? "",
                ] as [String: Any]
            },
            "lists": lists.map { ["name": $0.name, "action": $0.action.description] },
            "orders": orders.map { ["reference": $0.reference, "action": $0.action.rawValue, "deadline": WebUI.time($0.deadline)] },
            "can_act": canAct,
            "can_revoke": canAct && indicator.status != .revoked,
            "can_false_positive": canAct && indicator.status != .falsePositive,
            "tlp_choices": TLP.allCases.filter { $0 != indicator.tlp }.map { ["value": $0.rawValue] },
            "done": done.map { ui.text("indicator_done_\($0)", frame) } as Any,
        ]
    }

    static func registerActions(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        action(table, "revoke", summary: "Revoke an indicator (form)", ui: ui) { id, form, principal in
            _ = try await services.indicators.revoke(id: id, reason: form["reason"] ?? "", by: principal)
            return "revoked"
        }
        action(table, "false-positive", summary: "Mark an indicator a false positive (form)", ui: ui) { id, form, principal in
            _ = try await services.indicators.markFalsePositive(id: id, reason: form["reason"] ?? "", by: principal)
            return "false-positive"
        }
        action(table, "tlp", summary: "Change an indicator's TLP (form)", ui: ui) { id, form, principal in
            guard let tlp = try? TLP(parsing: form["tlp"] ?? "") else {
                throw ServiceError.invalid(field: "tlp", message: "unrecognised TLP label")
            }
            _ = try await services.indicators.changeTLP(id: id, to: tlp, reason: form["reason"] ?? "", by: principal)
            return "tlp"
        }
    }

    /// A form post to `/indicators/{id}/<name>` for analysts and admins; back to the detail page with what was done.
    private static func action(
        _ table: EndpointTable, _ name: String, summary: String, ui: WebUI,
        _ perform: @escaping @Sendable (String, [String: String], Principal) async throws -> String
    ) {
        table.add(Endpoint(.post, "/indicators/{id}/\(name)", summary: summary, tag: "ui", access: .staff,
                           status: 303, mediaType: "text/html")) { request, context in
            let form = try await PageFrame.checkedForm(request, context: context)
            let id = try context.pathParameter("id")
            let done = try await perform(id, form, try context.requirePrincipal())
            return WebUI.redirect("/indicators/\(id)?done=\(done)")
        }
    }
}
