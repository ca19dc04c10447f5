import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/orders`: mitigation orders with their deadlines; CERT staff see every addressee's answer,
/// an operator its own and answers it (acknowledge, complete with evidence, reject with a reason).
enum OrderPages {
    static let answers: [(verb: String, status: OrderStatus)] = [
        ("acknowledge", .acknowledged), ("complete", .completed), ("reject", .rejected),
    ]

    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/orders", summary: "Orders page", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let names = try await services.users.organisationNames(visibleTo: principal)
            let now = Clock.nowMillis()
            let rows = try await services.orders.list(for: principal).map { order in
                [
                    "id": order.id, "reference": order.reference, "action": order.action.rawValue, "tlp": order.tlp.rawValue,
                    "deadline": WebUI.time(order.deadline), "created": WebUI.time(order.createdAt),
                    "overdue": order.addressees.contains { $0.status.isOpen } && order.deadline < now,
                    "answers": order.addressees.map { addressee in
                        "\(names[addressee.organisationID] ?? addressee.organisationID): \(ui.text("order_status_\(addressee.status.rawValue)", frame))"
                    }.joined(separator: " · "),
                ] as [String: Any]
            }
            return ui.renderer.page("orders", title: ui.text("orders_title", frame), data: ["orders": rows], frame: frame)
        }
        table.add(Endpoint(.get, "/orders/{id}", summary: "One order with its answers", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let order = try await services.orders.get(try context.pathParameter("id"), for: principal)
            let names = try await services.users.organisationNames(visibleTo: principal)
            let own = order.addressees.first { $0.organisationID == principal.organisationID }
            let data: [String: Any] = [
                "id": order.id, "reference": order.reference, "action": order.action.rawValue, "legal_basis": order.legalBasis,
                "tlp": order.tlp.rawValue, "deadline": WebUI.time(order.deadline), "created": WebUI.time(order.createdAt),
                "created_by": order.createdBy, "issuer": names[order.issuerOrganisationID] ?? order.issuerOrganisationID,
                "resources": order.resources.map { ["value": $0.value, "indicator": $0.indicatorID as Any] },
                "addressees": order.addressees.map { addressee in
                    [
                        "organisation": names[addressee.organisationID] ?? addressee.organisationID,
                        "status": addressee.status.rawValue, "status_label": ui.text("order_status_\(addressee.status.rawValue)", frame),
                        "acknowledged": WebUI.time(addressee.acknowledgedAt), "completed": WebUI.time(addressee.completedAt),
                        "escalated": WebUI.time(addressee.escalatedAt), "note": addressee.note,
                    ]
                },
                "can_acknowledge": principal.role == .operator && own?.status.allows(.acknowledged) == true,
                "can_answer": principal.role == .operator && own?.status.allows(.completed) == true,
                "done": (try request.query("done")).flatMap { verb in answers.first { $0.verb == verb } }
                    .map { ui.text("order_done_\($0.verb)", frame) } as Any,
            ]
            return ui.renderer.page("order", title: order.reference, data: data, frame: frame)
        }
        for answer in answers {
            table.add(Endpoint(.post, "/orders/{id}/\(answer.verb)", summary: "Answer an order (form, its operator)", tag: "ui",
                               access: .roles([.operator]), status: 303, mediaType: "text/html")) { request, context in
                let form = try await PageFrame.checkedForm(request, context: context)
                let id = try context.pathParameter("id")
                _ = try await services.orders.answer(id, with: answer.status, note: form["note"] ?? "", by: try context.requirePrincipal())
                return WebUI.redirect("/orders/\(id)?done=\(answer.verb)")
            }
        }
    }
}
