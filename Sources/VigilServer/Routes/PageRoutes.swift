import Foundation
import Hummingbird
import VigilServices
import VigilStore

/// `/login`, `/logout` and the home page `/`.
enum PageRoutes {
    static func register(on table: EndpointTable, services: ServiceContainer) {
        let secure = services.configuration.auth.cookieSecure
        let sessionTTL = services.configuration.auth.sessionTTLMinutes * 60
        table.add(Endpoint(
            .get, "/login", summary: "Login page", tag: "ui", access: .public, mediaType: "text/html")) { _, _ in
            Pages.loginForm(csrf: Secrets.random(), secure: secure)
        }
        table.add(Endpoint(
            .post, "/login", summary: "Log in with a form; sets the session cookie", tag: "ui", access: .public,
            status: 303, mediaType: "text/html")) { request, context in
            let form = decodeForm(String(buffer: try await request.body.collect(upTo: 16_384)))
            let expected = request.cookies[Pages.csrfCookie]?.value ?? ""
            guard !expected.isEmpty, Secrets.constantTimeEquals(form["csrf_token"] ?? "", expected) else {
                return Pages.loginForm(csrf: Secrets.random(), message: "The form expired; please try again.", status: .forbidden, secure: secure)
            }
            do {
                let user = try await services.auth.login(
                    username: form["username"] ?? "", password: form["password"] ?? "", clientAddress: context.clientAddress)
                let (cookie, _) = try await services.auth.openSession(for: user)
                let sessionCookie = Cookie(
                    name: AuthenticationMiddleware.sessionCookie, value: cookie, maxAge: sessionTTL, path: "/",
                    secure: secure, httpOnly: true, sameSite: .lax)
                return Response(status: .seeOther, headers: [.location: "/", .setCookie: sessionCookie.description])
            } catch ServiceError.unauthenticated {
                return Pages.loginForm(csrf: Secrets.random(), message: "Wrong username or password.", status: .unauthorized, secure: secure)
            } catch ServiceError.rateLimited(let seconds) {
                return Pages.loginForm(
                    csrf: Secrets.random(), message: "Too many failed logins. Try again in \(seconds / 60 + 1) minutes.",
                    status: .tooManyRequests, secure: secure)
            }
        }
        table.add(Endpoint(
            .post, "/logout", summary: "Log out", tag: "ui", access: .authenticated, status: 303,
            mediaType: "text/html")) { request, context in
            try await checkFormCSRF(request, context: context)
            if let cookie = request.cookies[AuthenticationMiddleware.sessionCookie]?.value {
                try await services.auth.closeSession(cookie: cookie, actor: try context.requirePrincipal().username)
            }
            let expired = Cookie(name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
                                 secure: secure, httpOnly: true, sameSite: .lax)
            return Response(status: .seeOther, headers: [.location: "/login", .setCookie: expired.description])
        }
        table.add(Endpoint(
            .get, "/", summary: "Home page", tag: "ui", access: .authenticated, mediaType: "text/html")) { _, context in
            let principal = try context.requirePrincipal()
            let count = try await IndicatorStore(services.database.sql).count(scope: .principal(principal))
            return Pages.home(principal: principal, csrf: context.session?.csrfToken ?? "", indicatorCount: count)
        }
    }

    /// Form posts of a cookie session must carry the session's CSRF token in `csrf_token`.
    static func checkFormCSRF(_ request: Request, context: VigilRequestContext) async throws {
        guard let session = context.session else { return }
        let form = decodeForm(String(buffer: try await request.body.collect(upTo: 16_384)))
        guard Secrets.constantTimeEquals(form["csrf_token"] ?? "", session.csrfToken) else {
            throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
        }
    }
}
