import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/profile`: the reader's own account and API tokens (create, shown once; revoke).
enum ProfilePages {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/profile", summary: "Own profile and API tokens", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            try await page(request, context, services: services, ui: ui)
        }
        table.add(Endpoint(.post, "/profile/tokens", summary: "Create an API token (form)", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let form = try await PageFrame.checkedForm(request, context: context)
            let days = (form["ttl_days"]).flatMap { Int($0) }
            let created = try await services.auth.createToken(
                for: try context.requirePrincipal(), name: form["name"] ?? "", ttlDays: days)
            return try await page(request, context, services: services, ui: ui, secret: created.secret, status: .created)
        }
        table.add(Endpoint(.post, "/profile/tokens/{id}/revoke", summary: "Revoke an API token (form)", tag: "ui",
                           access: .authenticated, status: 303, mediaType: "text/html")) { request, context in
            _ = try await PageFrame.checkedForm(request, context: context)
            try await services.auth.revokeToken(id: try context.pathParameter("id"), by: try context.requirePrincipal())
            return WebUI.redirect("/profile")
        }
    }

    static func page(
        _ request: Request, _ context: VigilRequestContext, services: ServiceContainer, ui: WebUI,
        secret: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let frame = ui.frame(request, context)
        let principal = try context.requirePrincipal()
        let user = try await services.users.user(id: principal.userID, visibleTo: principal)
        let organisation = try await services.users.organisations(visibleTo: principal).first { $0.id == principal.organisationID }
        let now = Clock.nowMillis()
        let tokens = try await services.auth.tokens(of: principal).map { token in
            let state = token.revokedAt != nil ? "revoked" : (token.expiresAt.map { $0 <= now } == true ? "expired" : "active")
            return [
                "id": token.id, "name": token.name, "created": WebUI.time(token.createdAt), "expires": WebUI.time(token.expiresAt),
                "last_used": WebUI.time(token.lastUsedAt), "state": ui.text("token_\(state)", frame), "active": state == "active",
            ] as [String: Any]
        }
        let data: [String: Any] = [
            "username": user.username, "display_name": user.displayName, "role": ui.text("role_\(user.role.rawValue)", frame),
            "organisation": organisation?.name ?? principal.organisationID, "language": frame.language.nativeName,
            "tokens": tokens, "secret": secret as Any,
        ]
        return ui.renderer.page("profile", title: ui.text("profile_title", frame), data: data, frame: frame, status: status)
    }
}
