import Foundation
import HTTPTypes
import Hummingbird
import VigilServices

/// Finds the caller: a bearer API token, HTTP Basic credentials, or the UI session cookie.
///
/// Cookie-authenticated requests that change state must carry the session's CSRF token
/// (header `X-CSRF-Token` or form field `csrf_token`, checked by the handler reading the form);
/// tokens and Basic credentials are not sent by browsers on their own, so they need none.
///
/// Blocklist feeds (`GET /feeds/…`) also take the API token as `?token=`: resolvers such as
/// Unbound fetch an RPZ `url:` without any way to set a header.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let auth: AuthService

    static let sessionCookie = "vigil_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            if authorization.hasPrefix("Bearer ") {
                try await authenticate(token: String(authorization.dropFirst(7)), into: &context)
            } else if authorization.hasPrefix("Basic "), let (username, password) = Self.basic(authorization) {
                do {
                    context.principal = try await auth.login(
                        username: username, password: password, clientAddress: context.clientAddress).principal
                } catch ServiceError.unauthenticated {
                    context.authenticationFailure = "wrong username or password"
                }
            } else {
                context.authenticationFailure = "unsupported Authorization scheme; use Bearer or Basic"
            }
        } else if request.method == .get, request.uri.path.hasPrefix("/feeds/"),
                  let token = request.uri.queryParameters["token"] {
            try await authenticate(token: String(token), into: &context)
        } else if let cookie = request.cookies[Self.sessionCookie]?.value,
                  let (user, session) = try await auth.session(cookie: cookie) {
            context.principal = user.principal
            context.session = session
            context.userLanguage = user.language
            if Self.changesState(request.method), !Self.isFormPost(request),
               !Secrets.constantTimeEquals(request.headers[Self.csrfHeader] ?? "", session.csrfToken) {
                throw HTTPError(.forbidden, message: "missing or wrong CSRF token (send X-CSRF-Token)")
            }
        }
        return try await next(request, context)
    }

    /// The caller behind an API token, or why there is none.
    private func authenticate(token: String, into context: inout Context) async throws {
        if let user = try await auth.authenticate(token: token) {
            context.principal = user.principal
        } else {
            context.authenticationFailure = "the API token is unknown, expired or revoked"
        }
    }

    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// HTML forms cannot set headers; their handlers check the `csrf_token` field instead.
    static func isFormPost(_ request: Request) -> Bool {
        request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
            && ProblemMiddleware.isPage(request.uri.path)
    }

    static func basic(_ header: String) -> (String, String)? {
        guard let data = Data(base64Encoded: String(header.dropFirst(6))), data.count <= 512,
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
