import Foundation
import Hummingbird
import VigilServices

/// `/appeal` and `/appeal/status`: the public appeal form and its status page, for owners of
/// listed resources without an account. The forms carry a double-submit CSRF token.
enum AppealPageRoutes {
    static func register(on table: EndpointTable, services: ServiceContainer) {
        let secure = services.configuration.auth.cookieSecure
        let appeals = services.appeals
        table.add(Endpoint(.get, "/appeal", summary: "Public appeal form", tag: "ui", access: .public, mediaType: "text/html")) { _, _ in
            Pages.appealForm(csrf: Secrets.random(), secure: secure)
        }
        table.add(Endpoint(
            .post, "/appeal", summary: "Send the appeal form", tag: "ui", access: .public, status: 201,
            mediaType: "text/html")) { request, context in
            guard let form = try await checkedForm(request) else {
                return Pages.appealForm(csrf: Secrets.random(), message: "The form expired; please try again.", status: .forbidden, secure: secure)
            }
            do {
                let receipt = try await appeals.submit(
                    resource: form["resource"] ?? "", reason: form["reason"] ?? "", contactEmail: form["contact_email"] ?? "",
                    clientAddress: context.clientAddress)
                return Pages.appealReceived(trackingID: receipt.trackingID)
            } catch ServiceError.invalid(let field, let message) {
                return Pages.appealForm(csrf: Secrets.random(), message: "\(field): \(message)", status: .unprocessableContent, secure: secure)
            } catch ServiceError.rateLimited {
                return Pages.appealForm(csrf: Secrets.random(), message: "Too many appeals from your address; try again in an hour.",
                                        status: .tooManyRequests, secure: secure)
            }
        }
        table.add(Endpoint(
            .get, "/appeal/status", summary: "Public appeal status form", tag: "ui", access: .public, mediaType: "text/html")) { _, _ in
            Pages.appealStatusForm(csrf: Secrets.random(), secure: secure)
        }
        table.add(Endpoint(
            .post, "/appeal/status", summary: "An appeal's status by tracking id", tag: "ui", access: .public,
            mediaType: "text/html")) { request, _ in
            guard let form = try await checkedForm(request) else {
                return Pages.appealStatusForm(csrf: Secrets.random(), message: "The form expired; please try again.", status: .forbidden, secure: secure)
            }
            do {
                let status = try await appeals.status(trackingID: form["tracking_id"] ?? "")
                return Pages.appealStatusForm(csrf: Secrets.random(), result: status, secure: secure)
            } catch ServiceError.notFound {
                return Pages.appealStatusForm(csrf: Secrets.random(), message: "No appeal has this tracking id.", status: .notFound, secure: secure)
            }
        }
    }

    /// The posted form if its CSRF token matches the cookie set with the form.
    private static func checkedForm(_ request: Request) async throws -> [String: String]? {
        let form = decodeForm(String(buffer: try await request.body.collect(upTo: 16_384)))
        let expected = request.cookies[Pages.appealCSRFCookie]?.value ?? ""
        guard !expected.isEmpty, Secrets.constantTimeEquals(form["csrf_token"] ?? "", expected) else { return nil }
        return form
    }
}
