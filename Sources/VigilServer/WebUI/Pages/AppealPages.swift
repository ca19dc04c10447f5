import Foundation
import Hummingbird
import VigilServices

/// `/appeal` and `/appeal/status`: the public appeal form and its status page, for owners of
/// listed resources without an account, in their language. The forms carry a double-submit CSRF token.
enum AppealPages {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        let appeals = services.appeals
        table.add(Endpoint(.get, "/appeal", summary: "Public appeal form", tag: "ui", access: .public, mediaType: "text/html")) { request, context in
            form(ui.frame(request, context), ui: ui)
        }
        table.add(Endpoint(
            .post, "/appeal", summary: "Send the appeal form", tag: "ui", access: .public, status: 201,
            mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let fields = try await PageFrame.readForm(request)
            guard (try? PageFrame.checkCSRF(fields, request: request, context: context, strict: true)) != nil else {
                return form(frame, ui: ui, message: ui.text("login_expired", frame), status: .forbidden)
            }
            do {
                let receipt = try await appeals.submit(
                    resource: fields["resource"] ?? "", reason: fields["reason"] ?? "", contactEmail: fields["contact_email"] ?? "",
                    clientAddress: context.clientAddress)
                return ui.renderer.page(
                    "appeal_received", title: ui.text("appeal_received_title", frame), data: ["tracking_id": receipt.trackingID],
                    frame: frame, status: .created)
            } catch ServiceError.invalid(let field, let message) {
                return form(frame, ui: ui, message: "\(field): \(message)", status: .unprocessableContent)
            } catch ServiceError.rateLimited {
                return form(frame, ui: ui, message: ui.text("appeal_rate_limited", frame), status: .tooManyRequests)
            }
        }
        table.add(Endpoint(
            .get, "/appeal/status", summary: "Public appeal status form", tag: "ui", access: .public,
            mediaType: "text/html")) { request, context in
            statusPage(ui.frame(request, context), ui: ui)
        }
        table.add(Endpoint(
            .post, "/appeal/status", summary: "An appeal's status by tracking id", tag: "ui", access: .public,
            mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let fields = try await PageFrame.readForm(request)
            guard (try? PageFrame.checkCSRF(fields, request: request, context: context, strict: true)) != nil else {
                return statusPage(frame, ui: ui, message: ui.text("login_expired", frame), status: .forbidden)
            }
            do {
                let status = try await appeals.status(trackingID: fields["tracking_id"] ?? "")
                return statusPage(frame, ui: ui, result: [
                    "status": ui.text("appeal_status_\(status.status.rawValue)", frame), "decision": status.decision,
                ].filter { !$0.value.isEmpty })
            } catch ServiceError.notFound {
                return statusPage(frame, ui: ui, message: ui.text("appeal_unknown_tracking_id", frame), status: .notFound)
            }
        }
    }

    static func form(_ frame: PageFrame, ui: WebUI, message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        ui.renderer.page("appeal", title: ui.text("appeal_title", frame), data: ["message": message as Any], frame: frame, status: status)
    }

    static func statusPage(
        _ frame: PageFrame, ui: WebUI, result: [String: String]? = nil, message: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        ui.renderer.page(
            "appeal_status", title: ui.text("appeal_status_title", frame), data: ["message": message as Any, "result": result as Any],
            frame: frame, status: status)
    }
}
