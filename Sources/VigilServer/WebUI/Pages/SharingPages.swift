import Foundation
import Hummingbird
import VigilCore
import VigilServices

/// `/partners`: the configured partners and, per partner, what an export would send now and what
/// the cross-border gate removed and why; a held export is approved here (CERT staff).
enum SharingPages {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/partners", summary: "Sharing partners", tag: "ui", access: .staff,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let partners = services.configuration.sharing.partners.map { partner in
                [
                    "name": partner.organisation, "href": "/partners/" + WebUI.percentEncoded(partner.organisation),
                    "jurisdiction": partner.jurisdiction, "transport": partner.transport.rawValue,
                    "max_tlp": partner.maxTLP.rawValue, "abroad": partner.jurisdiction != services.configuration.sharing.homeJurisdiction,
                    "hold_above": partner.holdAbove,
                ] as [String: Any]
            }
            return ui.renderer.page("partners", title: ui.text("partners_title", frame), data: ["partners": partners], frame: frame)
        }
        table.add(Endpoint(.get, "/partners/{name}", summary: "A partner's export plan and the gate's removals", tag: "ui",
                           access: .staff, mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let plan = try await services.sharing.plan(partner: try SharingRoutes.partnerName(context))
            let data: [String: Any] = [
                "name": plan.partner, "approval": "/partners/\(WebUI.percentEncoded(plan.partner))/approval",
                "jurisdiction": plan.jurisdiction, "abroad": plan.abroad,
                "indicators": plan.indicators, "revoked": plan.revoked, "sightings": plan.sightings, "objects": plan.objects,
                "removed": plan.removed.map { ["reason": $0.reason, "count": $0.count, "examples": $0.examples.joined(separator: ", ")] as [String: Any] },
                "held": plan.held, "hold_reason": plan.holdReason ?? "",
                "done": try request.query("done") == "approved" ? ui.text("partner_done_approved", frame) : nil as String? as Any,
            ]
            return ui.renderer.page("partner", title: plan.partner, data: data, frame: frame)
        }
        table.add(Endpoint(.post, "/partners/{name}/approval", summary: "Approve today's held export (form)", tag: "ui",
                           access: .staff, status: 303, mediaType: "text/html")) { request, context in
            _ = try await PageFrame.checkedForm(request, context: context)
            let name = try SharingRoutes.partnerName(context)
            _ = try await services.sharing.approve(partner: name, by: try context.requirePrincipal())
            return WebUI.redirect("/partners/\(WebUI.percentEncoded(name))?done=approved")
        }
    }
}
