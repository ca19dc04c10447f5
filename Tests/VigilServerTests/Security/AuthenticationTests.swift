import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import VigilCore
@testable import VigilServer
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Login, sessions, CSRF and tokens over HTTP")
struct AuthenticationTests {
    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for field in response.headers[values: .setCookie] where field.hasPrefix("\(name)=") {
            return String(field.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func form(_ fields: [String: String]) -> String {
        fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    @Test func sessionLoginNeedsCSRFAndSetsSafeCookies() async throws {
        try await ServerHarness.run { harness in
            let page = try await harness.request(.get, "/login", as: nil)
            #expect(page.status == .ok)
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            let csrf = try #require(Self.cookie(PageFrame.csrfCookie, in: page))
            #expect(page.text.contains("name=\"csrf_token\" value=\"\(csrf)\""))

            let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "\(PageFrame.csrfCookie)=\(csrf)"]
            let noToken = try await harness.client.execute(
                uri: "/login", method: .post, headers: formHeaders,
                body: .init(string: Self.form(["username": "admin", "password": "admin-demo-pass"])))
            #expect(noToken.status == .forbidden, "a login form without its CSRF token is refused")

            let good = try await harness.client.execute(
                uri: "/login", method: .post, headers: formHeaders,
                body: .init(string: Self.form(["username": "admin", "password": "admin-demo-pass", "csrf_token": csrf])))
            #expect(good.status == .seeOther)
            let setCookie = try #require(good.headers[values: .setCookie].first { $0.hasPrefix("vigil_session=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            let session = try #require(Self.cookie("vigil_session", in: good))

            let home = try await harness.client.execute(uri: "/", method: .get, headers: [.cookie: "vigil_session=\(session)"])
            #expect(home.status == .ok)
            #expect(home.text.contains("admin"))
            let sessionCSRF = try #require(home.text.range(of: "name=\"csrf_token\" value=\"").map { home.text[$0.upperBound...].prefix { $0 != "\"" } })

            let body = ByteBuffer(string: "{\"name\":\"from-ui\"}")
            let withoutHeader = try await harness.client.execute(
                uri: "/api/v1/tokens", method: .post, headers: [.cookie: "vigil_session=\(session)", .contentType: "application/json"], body: body)
            #expect(withoutHeader.status == .forbidden, "cookie-authenticated writes need the CSRF header")
            let withHeader = try await harness.client.execute(
                uri: "/api/v1/tokens", method: .post,
                headers: [.cookie: "vigil_session=\(session)", .contentType: "application/json", AuthenticationMiddleware.csrfHeader: String(sessionCSRF)],
                body: body)
            #expect(withHeader.status == .created)
        }
    }

    @Test func wrongPasswordsAreRateLimited() async throws {
        try await ServerHarness.run { harness in
            let basic = { (password: String) -> HTTPFields in
                [.authorization: "Basic " + Data("analyst:\(password)".utf8).base64EncodedString()]
            }
            let ok = try await harness.client.execute(uri: "/api/v1/users/me", method: .get, headers: basic("analyst-demo-pass"))
            #expect(ok.status == .ok)
            let limit = harness.services.configuration.auth.loginMaxFailures
            for _ in 0..<limit {
                let wrong = try await harness.client.execute(uri: "/api/v1/users/me", method: .get, headers: basic("wrong-password"))
                #expect(wrong.status == .unauthorized)
            }
            let blocked = try await harness.client.execute(uri: "/api/v1/users/me", method: .get, headers: basic("analyst-demo-pass"))
            #expect(blocked.status == .tooManyRequests, "even the right password waits after \(limit) failures")
            #expect(blocked.headers[.retryAfter] != nil)
            let problem = try #require(try blocked.json() as? [String: Any])
            #expect(problem["status"] as? Int == 429)
        }
    }

    @Test func revokedAndUnknownTokensAreRefused() async throws {
        try await ServerHarness.run { harness in
            let me = try await harness.request(.get, "/api/v1/users/me", as: "operator")
            #expect(me.status == .ok)
            let operatorUser = try #require(try await UserStore(harness.services.database.sql).find(username: "operator"))
            let tokens = try await harness.services.auth.tokens(of: operatorUser.principal)
            for token in tokens { try await harness.services.auth.revokeToken(id: token.id, by: operatorUser.principal) }
            let revoked = try await harness.request(.get, "/api/v1/users/me", as: "operator")
            #expect(revoked.status == .unauthorized)
            let forged = try await harness.client.execute(
                uri: "/api/v1/users/me", method: .get, headers: [.authorization: "Bearer vgl_forged"])
            #expect(forged.status == .unauthorized)
            #expect(forged.headers[.contentType] == "application/problem+json")
        }
    }
}
