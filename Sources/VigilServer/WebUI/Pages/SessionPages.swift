import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilServices

/// `/login`, `/logout`, the language switch `/language` and the static assets.
enum SessionPages {
    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        let sessionTTL = services.configuration.auth.sessionTTLMinutes * 60
        table.add(Endpoint(.get, "/login", summary: "Login page", tag: "ui", access: .public, mediaType: "text/html")) { request, context in
            loginPage(ui.frame(request, context), ui: ui)
        }
        table.add(Endpoint(
            .post, "/login", summary: "Log in with a form; sets the session cookie", tag: "ui", access: .public,
            status: 303, mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let form = try await PageFrame.readForm(request)
            guard (try? PageFrame.checkCSRF(form, request: request, context: context, strict: true)) != nil else {
                return loginPage(frame, ui: ui, message: ui.text("login_expired", frame), status: .forbidden)
            }
            do {
                let user = try await services.auth.login(
                    username: form["username"] ?? "", password: form["password"] ?? "", clientAddress: context.clientAddress)
                let (cookie, _) = try await services.auth.openSession(for: user)
                let session = Cookie(
                    name: AuthenticationMiddleware.sessionCookie, value: cookie, maxAge: sessionTTL, path: "/",
                    secure: ui.secureCookies, httpOnly: true, sameSite: .lax)
                var headers: HTTPFields = [.location: "/"]
                headers.append(HTTPField(name: .setCookie, value: session.description))
                if let language = UILanguage(rawValue: user.language) {
                    headers.append(HTTPField(name: .setCookie, value: PageFrame.languageCookieHeader(language, secure: ui.secureCookies)))
                }
                return Response(status: .seeOther, headers: headers)
            } catch ServiceError.unauthenticated {
                return loginPage(frame, ui: ui, message: ui.text("login_wrong", frame), status: .unauthorized)
            } catch ServiceError.rateLimited(let seconds) {
                return loginPage(
                    frame, ui: ui, message: ui.text("login_rate_limited", frame, ["minutes": String(seconds / 60 + 1)]),
                    status: .tooManyRequests)
            }
        }
        table.add(Endpoint(
            .post, "/logout", summary: "Log out", tag: "ui", access: .authenticated, status: 303,
            mediaType: "text/html")) { request, context in
            _ = try await PageFrame.checkedForm(request, context: context)
            if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.value {
                try await services.auth.closeSession(cookie: cookie, actor: try context.requirePrincipal().username)
            }
            let expired = Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                 secure: ui.secureCookies, httpOnly: true, sameSite: .lax)
            return Response(status: .seeOther, headers: [.location: "/login", .setCookie: expired.description])
        }
        table.add(Endpoint(
            .post, "/language", summary: "Switch the UI language (and the user's setting)", tag: "ui", access: .public,
            status: 303, mediaType: "text/html")) { request, context in
            let form = try await PageFrame.checkedForm(request, context: context)
            guard let language = UILanguage(rawValue: form["language"] ?? "") else {
                throw ServiceError.invalid(field: "language", message: "one of \(UILanguage.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let principal = context.principal {
                try await services.users.setLanguage(language.rawValue, by: principal)
            }
            var headers: HTTPFields = [.location: WebUI.localPath(form["return_to"])]
            headers.append(HTTPField(name: .setCookie, value: PageFrame.languageCookieHeader(language, secure: ui.secureCookies)))
            return Response(status: .seeOther, headers: headers)
        }
        table.add(Endpoint(
            .get, "/assets/{name}", summary: "The UI's stylesheet and script", tag: "ui", access: .public,
            mediaType: "text/css")) { request, context in
            guard let response = ui.assets.response(try context.pathParameter("name"), ifNoneMatch: request.headers[.ifNoneMatch]) else {
                throw HTTPError(.notFound, message: "no such asset")
            }
            return response
        }
    }

    static func loginPage(
        _ frame: PageFrame, ui: WebUI, message: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        ui.renderer.page("login", title: ui.text("login_title", frame), data: ["message": message as Any], frame: frame, status: status)
    }
}
