import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilServices

/// What every page of one request shares: the reader, their language, the CSRF token of the
/// forms and where the language switch returns to.
struct PageFrame: Sendable {
    /// Cookie with the language chosen before logging in (and kept after).
    static let languageCookie = "vigil_lang"
    /// Cookie with the CSRF token of forms shown before logging in (double-submit).
    static let csrfCookie = "vigil_csrf"

    let language: UILanguage
    let principal: Principal?
    /// The token every form of the page carries in `csrf_token`.
    let csrf: String
    /// Set when the token was minted for this page and must be sent as a cookie.
    let mintedCSRF: Bool
    /// The page's path and query, for the language switch.
    let location: String
    let secureCookies: Bool

    /// The frame of `request`: the user's language setting, else the language cookie, else `Accept-Language`.
    init(request: Request, context: VigilRequestContext, secureCookies: Bool) {
        principal = context.principal
        language = context.userLanguage.flatMap(UILanguage.init(rawValue:)) ?? Self.language(of: request)
        if let session = context.session {
            csrf = session.csrfToken
            mintedCSRF = false
        } else if let cookie = request.cookies[Self.csrfCookie]?.value, cookie.count >= 20 {
            csrf = cookie
            mintedCSRF = false
        } else {
            csrf = Secrets.random()
            mintedCSRF = true
        }
        location = request.uri.description
        self.secureCookies = secureCookies
    }

    /// The language of a request without a session: the cookie, then `Accept-Language`.
    static func language(of request: Request) -> UILanguage {
        request.cookies[languageCookie].flatMap { UILanguage(rawValue: $0.value) }
            ?? UILanguage.preferred(acceptLanguage: request.headers[.acceptLanguage])
    }

    /// Whether `role`'s reader may use what `access` guards; nobody logged in passes only public access.
    func allows(_ access: EndpointAccess) -> Bool {
        guard let principal else { return access == .public }
        return access.allows(principal.role)
    }

    /// Checks a posted form's `csrf_token`: the session's token, or the double-submit cookie (the
    /// token of pages shown before login, and of error pages). Callers with an API token need none
    /// (browsers never send one on their own; they do resend Basic credentials), except on `strict`
    /// forms such as the login form, which no API caller has reason to post.
    static func checkCSRF(_ form: [String: String], request: Request, context: VigilRequestContext, strict: Bool = false) throws {
        if !strict, context.principal != nil, context.session == nil,
           request.headers[.authorization]?.hasPrefix("Bearer ") == true { return }
        let sent = form["csrf_token"] ?? ""
        let expected = [context.session?.csrfToken, request.cookies[csrfCookie]?.value].compactMap { $0 }.filter { $0.count >= 20 }
        guard !sent.isEmpty, expected.contains(where: { Secrets.constantTimeEquals(sent, $0) }) else {
            throw HTTPError(.forbidden, message: "missing or wrong CSRF token")
        }
    }

    /// A posted form whose `csrf_token` `checkCSRF` accepts.
    static func checkedForm(_ request: Request, context: VigilRequestContext) async throws -> [String: String] {
        let form = try await readForm(request)
        try checkCSRF(form, request: request, context: context)
        return form
    }

    /// A posted `application/x-www-form-urlencoded` body, bounded.
    static func readForm(_ request: Request) async throws -> [String: String] {
        decodeForm(String(buffer: try await request.body.collect(upTo: 65_536)))
    }

    /// The cookie carrying a freshly minted pre-login CSRF token.
    var csrfCookieHeader: String? {
        guard mintedCSRF else { return nil }
        return Cookie(name: Self.csrfCookie, value: csrf, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
            .description
    }

    /// A cookie remembering `language` for a year.
    static func languageCookieHeader(_ language: UILanguage, secure: Bool) -> String {
        Cookie(name: languageCookie, value: language.rawValue, maxAge: 365 * 86400, path: "/", secure: secure,
               httpOnly: true, sameSite: .lax).description
    }
}
