import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/sightings` and `/notices`: what was seen in the reader's networks (CERT staff: everywhere)
/// and the notices sent about it, through the same scope as the API.
enum ConstituencyPages {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/sightings", summary: "Sightings page", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let before = try request.query("before").flatMap { Int64($0) }
            let names = try await services.users.organisationNames(visibleTo: principal)
            let rows = try await services.matching.sightings(indicatorID: nil, observer: nil, before: before, limit: 100, for: principal)
            var data: [String: Any] = [
                "sightings": rows.map { row in
                    [
                        "indicator": row.indicatorID, "value": row.indicatorValue, "type": row.indicatorType,
                        "hour": WebUI.time(row.hour), "observer": row.observer, "client": row.client, "count": row.count,
                        "last_seen": WebUI.time(row.lastSeen),
                        "organisation": row.organisationID.map { names[$0] ?? $0 } ?? "",
                    ] as [String: Any]
                },
            ]
            if rows.count == 100, let last = rows.last { data["older"] = "/sightings?before=\(last.lastSeen)" }
            return ui.renderer.page("sightings", title: ui.text("sightings", frame), data: data, frame: frame)
        }
        table.add(Endpoint(.get, "/notices", summary: "Notices page", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let names = try await services.users.organisationNames(visibleTo: principal)
            let notices = try await services.notices.list(for: principal, limit: 200).map { notice in
                [
                    "id": notice.id, "organisation": names[notice.organisationID] ?? notice.organisationID,
                    "channel": notice.channel.rawValue, "subject": notice.subject, "events": notice.eventCount,
                    "status": notice.status.rawValue, "created": WebUI.time(notice.createdAt), "sent": WebUI.time(notice.sentAt),
                ] as [String: Any]
            }
            return ui.renderer.page("notices", title: ui.text("notices_title", frame), data: ["notices": notices], frame: frame)
        }
        table.add(Endpoint(.get, "/notices/{id}", summary: "One notice with its text", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let notice = try await services.notices.find(id: try context.pathParameter("id"), for: principal)
            let names = try await services.users.organisationNames(visibleTo: principal)
            let data: [String: Any] = [
                "id": notice.id, "organisation": names[notice.organisationID] ?? notice.organisationID,
                "channel": notice.channel.rawValue, "language": notice.language.rawValue, "recipients": notice.recipients,
                "subject": notice.subject, "body": notice.body, "events": notice.eventCount, "status": notice.status.rawValue,
                "attempts": notice.attempts, "last_error": notice.lastError, "created": WebUI.time(notice.createdAt),
                "sent": WebUI.time(notice.sentAt), "period": "\(WebUI.time(notice.periodStart)) – \(WebUI.time(notice.periodEnd))",
                "can_resend": frame.allows(.staff) && [.sent, .failed, .unconfirmed].contains(notice.status),
                "done": try request.query("done") == "resent" ? ui.text("notice_done_resent", frame) : nil as String? as Any,
            ]
            return ui.renderer.page("notice", title: notice.subject, data: data, frame: frame)
        }
        table.add(Endpoint(.post, "/notices/{id}/resend", summary: "Queue a notice again (form)", tag: "ui",
                           access: .staff, status: 303, mediaType: "text/html")) { request, context in
            _ = try await PageFrame.checkedForm(request, context: context)
            let id = try context.pathParameter("id")
            _ = try await services.notices.resend(id: id, by: try context.requirePrincipal())
            return WebUI.redirect("/notices/\(id)?done=resent")
        }
    }
}
