import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/api/v1/appeals`: owners of listed resources appeal without an account and follow the
/// appeal by tracking id (sent in the body, never in a URL); CERT staff decide.
enum AppealRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let appeals = services.appeals
        table.add(Endpoint(
            .post, "/api/v1/appeals", summary: "Appeal a listing (no account; rate limited); returns a tracking id",
            tag: "appeals", access: .public, request: "NewAppeal", response: "AppealReceipt", status: 201)) { request, context in
            let body = try await request.decodeJSON(Resources.NewAppeal.self, context: context)
            let receipt = try await appeals.submit(
                resource: body.resource, reason: body.reason, contactEmail: body.contact_email, clientAddress: context.clientAddress)
            return try .json(Resources.AppealReceipt(tracking_id: receipt.trackingID, status: receipt.status.rawValue), status: .created)
        }
        table.add(Endpoint(
            .post, "/api/v1/appeals/status", summary: "An appeal's status by its tracking id (no account)", tag: "appeals",
            access: .public, request: "AppealTracking", response: "AppealStatus")) { request, context in
            let body = try await request.decodeJSON(Resources.AppealTracking.self, context: context)
            return try .json(Resources.AppealStatus(try await appeals.status(trackingID: body.tracking_id)))
        }
        table.add(Endpoint(
            .get, "/api/v1/appeals", summary: "Appeals, newest first (CERT staff)", tag: "appeals", access: .staff,
            response: "AppealList", query: [QueryParameter("status", "string", "received, accepted or refused")])) { request, context in
            let status = try request.uri.queryParameters["status"].map { raw in
                guard let status = AppealStatus(rawValue: String(raw)) else {
                    throw ServiceError.invalid(field: "status", message: "received, accepted or refused")
                }
                return status
            }
            return try .json(try await appeals.list(status: status, for: try context.requirePrincipal()).map(Resources.Appeal.init))
        }
        for (verb, accept) in [("accept", true), ("refuse", false)] {
            table.add(Endpoint(
                .post, "/api/v1/appeals/{id}/\(verb)",
                summary: accept ? "Accept an appeal: the resource becomes false-positive and allowlisted" : "Refuse an appeal",
                tag: "appeals", access: .staff, request: "AppealDecision", response: "Appeal")) { request, context in
                let body = try await request.decodeJSON(Resources.AppealDecision.self, context: context)
                let appeal = try await appeals.decide(
                    try context.pathParameter("id"), accept: accept, reason: body.reason, by: try context.requirePrincipal())
                return try .json(Resources.Appeal(appeal))
            }
        }
    }
}
