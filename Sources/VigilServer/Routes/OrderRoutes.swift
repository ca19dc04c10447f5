import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/api/v1/orders`: mitigation orders with deadlines; operators answer their own.
enum OrderRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let orders = services.orders
        table.add(Endpoint(
            .post, "/api/v1/orders", summary: "Issue an order to operators, with a deadline", tag: "orders", access: .staff,
            request: "NewOrder", response: "Order", status: 201)) { request, context in
            let body = try await request.decodeJSON(Resources.NewOrder.self, context: context)
            let order = try await orders.create(try body.newOrder(), by: try context.requirePrincipal())
            return try .json(Resources.Order(order), status: .created)
        }
        table.add(Endpoint(
            .get, "/api/v1/orders", summary: "Orders: all for CERT staff, an operator's own otherwise", tag: "orders",
            access: .authenticated, response: "OrderList")) { _, context in
            try .json(try await orders.list(for: try context.requirePrincipal()).map(Resources.Order.init))
        }
        table.add(Endpoint(
            .get, "/api/v1/orders/statistics", summary: "Per operator: orders, completed, escalated, median hours to complete",
            tag: "orders", access: .staff, response: "OrderStatisticsList")) { _, context in
            try .json(try await orders.statistics(for: try context.requirePrincipal()).map(Resources.OrderStatistics.init))
        }
        table.add(Endpoint(
            .post, "/api/v1/orders/escalations", summary: "Escalate overdue orders now (the scheduler does it every minute)",
            tag: "orders", access: .staff, response: "EscalationReport")) { _, context in
            try .json(["escalated": try await orders.escalateOverdue(by: try context.requirePrincipal())])
        }
        table.add(Endpoint(
            .get, "/api/v1/orders/{id}", summary: "One order", tag: "orders", access: .authenticated,
            response: "Order")) { _, context in
            try .json(Resources.Order(try await orders.get(try context.pathParameter("id"), for: try context.requirePrincipal())))
        }
        for (verb, status) in [("acknowledge", OrderStatus.acknowledged), ("complete", .completed), ("reject", .rejected)] {
            table.add(Endpoint(
                .post, "/api/v1/orders/{id}/\(verb)",
                summary: status == .acknowledged ? "Acknowledge an order (its operator)"
                    : status == .completed ? "Complete an order with evidence (its operator)" : "Reject an order with a reason (its operator)",
                tag: "orders", access: .roles([.operator]), request: "OrderAnswer", response: "Order")) { request, context in
                let body = try await request.decodeJSON(Resources.OrderAnswer.self, context: context)
                let order = try await orders.answer(
                    try context.pathParameter("id"), with: status, note: body.evidence ?? body.reason ?? "",
                    by: try context.requirePrincipal())
                return try .json(Resources.Order(order))
            }
        }
    }
}
