import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/appeals`: appeals against listings for CERT staff to accept (the resource is delisted) or refuse.
enum AppealReviewPages {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/appeals", summary: "Appeals to decide", tag: "ui", access: .staff,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let appeals = try await services.appeals.list(for: try context.requirePrincipal()).map { appeal in
                [
                    "id": appeal.id, "resource": appeal.resource, "reason": appeal.reason, "contact": appeal.contactEmail,
                    "status": appeal.status.rawValue, "decision": appeal.decision, "decided_by": appeal.decidedBy ?? "",
                    "created": WebUI.time(appeal.createdAt), "open": appeal.status == .received,
                ] as [String: Any]
            }
            return ui.renderer.page("appeals", title: ui.text("appeals_title", frame), data: ["appeals": appeals], frame: frame)
        }
        for (verb, accept) in [("accept", true), ("refuse", false)] {
            table.add(Endpoint(.post, "/appeals/{id}/\(verb)", summary: "Decide an appeal (form)", tag: "ui",
                               access: .staff, status: 303, mediaType: "text/html")) { request, context in
                let form = try await PageFrame.checkedForm(request, context: context)
                _ = try await services.appeals.decide(
                    try context.pathParameter("id"), accept: accept, reason: form["reason"] ?? "", by: try context.requirePrincipal())
                return WebUI.redirect("/appeals")
            }
        }
    }
}
