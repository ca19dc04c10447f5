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

/// The web UI's pages over HTTP: escaping, languages, CSRF, roles, the CSV export and assets.
/// (Tests/peers/test_ui.py drives the same pages in Chromium.)
@Suite("Web UI pages")
struct PageTests {
    /// A logged-in browser: its session cookie and the session's CSRF token.
    struct Session {
        let cookie: String
        let csrf: String
        var headers: HTTPFields { [.cookie: "vigil_session=\(cookie)"] }
        var formHeaders: HTTPFields { [.cookie: "vigil_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"] }
    }

    static func logIn(_ harness: ServerHarness, _ username: String) async throws -> Session {
        let page = try await harness.request(.get, "/login", as: nil)
        let loginCSRF = try #require(AuthenticationTests.cookie(PageFrame.csrfCookie, in: page))
        let password = try #require(DemoAccounts.logins.first { $0.username == username }).password
        let answer = try await harness.client.execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(PageFrame.csrfCookie)=\(loginCSRF)"],
            body: .init(string: AuthenticationTests.form(["username": username, "password": password, "csrf_token": loginCSRF])))
        #expect(answer.status == .seeOther)
        let cookie = try #require(AuthenticationTests.cookie("vigil_session", in: answer))
        let home = try await harness.client.execute(uri: "/profile", method: .get, headers: [.cookie: "vigil_session=\(cookie)"])
        return Session(cookie: cookie, csrf: try #require(csrfField(in: home.text)))
    }

    static func csrfField(in html: String) -> String? {
        html.range(of: "name=\"csrf_token\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) }
    }

    static func analyst(_ harness: ServerHarness) async throws -> Principal {
        try #require(try await UserStore(harness.services.database.sql).find(username: "analyst")).principal
    }

    @Test func pagesEscapeWhatTheyShowAndCarryTheSecurityHeaders() async throws {
        try await ServerHarness.run { harness in
            let record = try await harness.services.indicators.create(
                NewIndicator(value: "escape-test.example", tlp: .green, threatType: .phishing,
                             tags: ["<b>tag</b>"], description: "<script>alert('x')</script> & more"),
                by: try await Self.analyst(harness))
            let page = try await harness.request(.get, "/indicators/\(record.id)", as: "analyst")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
                || page.text.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more")
                || page.text.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"))
            #expect(!page.text.contains("<script>alert"))
            #expect(!page.text.contains("<b>tag</b>"))
            #expect(!page.text.contains("style="), "the strict CSP allows no inline style")
        }
    }

    @Test func theLoginPageSpeaksTheLanguageOfTheCookieThenAcceptLanguage() async throws {
        try await ServerHarness.run { harness in
            let chinese = try await harness.request(.get, "/login", as: nil, headers: [.acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.5"])
            #expect(chinese.text.contains("<html lang=\"zh-Hans\">"))
            #expect(chinese.text.contains("用户名"))
            #expect(!chinese.text.contains("id=\"who\""), "nobody is logged in: no user menu")
            let appeal = try await harness.request(.get, "/appeal", as: nil, headers: [.acceptLanguage: "zh-CN"])
            #expect(appeal.text.contains("提交申诉"), "the public appeal form speaks the visitor's language too")
            let chosen = try await harness.request(
                .get, "/login", as: nil, headers: [.acceptLanguage: "zh-CN", .cookie: "\(PageFrame.languageCookie)=en"])
            #expect(chosen.text.contains("<html lang=\"en\">"))
            #expect(chosen.text.contains("Username"))
        }
    }

    @Test func theLanguageSwitchSavesTheUsersSettingAndStaysOnTheSite() async throws {
        try await ServerHarness.run { harness in
            let session = try await Self.logIn(harness, "operator")
            let refused = try await harness.client.execute(
                uri: "/language", method: .post, headers: session.formHeaders,
                body: .init(string: AuthenticationTests.form(["language": "zh", "return_to": "/indicators"])))
            #expect(refused.status == .forbidden, "the switch is a form: it needs the CSRF token")
            let switched = try await harness.client.execute(
                uri: "/language", method: .post, headers: session.formHeaders,
                body: .init(string: AuthenticationTests.form(["language": "zh", "return_to": "/indicators?type=domain", "csrf_token": session.csrf])))
            #expect(switched.status == .seeOther)
            #expect(switched.headers[.location] == "/indicators?type=domain")
            let user = try #require(try await UserStore(harness.services.database.sql).find(username: "operator"))
            #expect(user.language == "zh")
            let page = try await harness.client.execute(uri: "/", method: .get, headers: session.headers)
            #expect(page.text.contains("仪表板"))
            let offsite = try await harness.client.execute(
                uri: "/language", method: .post, headers: session.formHeaders,
                body: .init(string: AuthenticationTests.form(["language": "en", "return_to": "//evil.example/", "csrf_token": session.csrf])))
            #expect(offsite.headers[.location] == "/")
        }
    }

    @Test func indicatorActionsNeedTheRoleAndTheSessionsCSRFToken() async throws {
        try await ServerHarness.run { harness in
            let record = try await harness.services.indicators.create(
                NewIndicator(value: "action-test.example", tlp: .clear, threatType: .phishing), by: try await Self.analyst(harness))
            let analyst = try await Self.logIn(harness, "analyst")
            let noToken = try await harness.client.execute(
                uri: "/indicators/\(record.id)/false-positive", method: .post, headers: analyst.formHeaders,
                body: .init(string: AuthenticationTests.form(["reason": "no token"])))
            #expect(noToken.status == .forbidden)
            let operatorSession = try await Self.logIn(harness, "operator")
            let operatorTry = try await harness.client.execute(
                uri: "/indicators/\(record.id)/false-positive", method: .post, headers: operatorSession.formHeaders,
                body: .init(string: AuthenticationTests.form(["reason": "not mine", "csrf_token": operatorSession.csrf])))
            #expect(operatorTry.status == .forbidden)
            let done = try await harness.client.execute(
                uri: "/indicators/\(record.id)/false-positive", method: .post, headers: analyst.formHeaders,
                body: .init(string: AuthenticationTests.form(["reason": "sinkhole of a partner", "csrf_token": analyst.csrf])))
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/indicators/\(record.id)?done=false-positive")
            let tlp = try await harness.client.execute(
                uri: "/indicators/\(record.id)/tlp", method: .post, headers: analyst.formHeaders,
                body: .init(string: AuthenticationTests.form(["tlp": "AMBER", "csrf_token": analyst.csrf])))
            #expect(tlp.status == .seeOther)
            let detail = try await harness.services.indicators.detail(id: record.id, for: try await Self.analyst(harness))
            #expect(detail.indicator.status == .falsePositive)
            #expect(detail.indicator.tlp == .amber)
            #expect(detail.history.map(\.change) == ["created", "false-positive", "tlp changed"])
            let page = try await harness.client.execute(uri: done.headers[.location]!, method: .get, headers: analyst.headers)
            #expect(page.text.contains("Marked a false positive."))
            #expect(page.text.contains("TLP:AMBER"))
        }
    }

    @Test func theCSVExportCarriesTheWholeSearchAndDisarmsFormulas() async throws {
        try await ServerHarness.run { harness in
            let analyst = try await Self.analyst(harness)
            for index in 0..<3 {
                _ = try await harness.services.indicators.create(
                    NewIndicator(value: "export-\(index).example", tlp: .green, threatType: .phishing, tags: ["=cmd|calc"]),
                    by: analyst)
            }
            let csv = try await harness.request(.get, "/indicators/export.csv?tag=%3Dcmd%7Ccalc&sort=value", as: "analyst")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "value,type,tlp,status,threat_type,confidence,tags,first_seen,last_seen,created_at")
            #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == ["export-0.example", "export-1.example", "export-2.example"])
            #expect(lines[1].contains(",'=cmd|calc,"))
        }
    }

    @Test func searchFindsAddressesInsideABlockAndPagesInValueOrder() async throws {
        try await ServerHarness.run { harness in
            let analyst = try await Self.analyst(harness)
            for value in ["10.9.8.200", "10.9.8.7", "10.9.8.64/26", "10.9.9.1", "10.9.0.0/16"] {
                _ = try await harness.services.indicators.create(NewIndicator(value: value, tlp: .green, threatType: .scanner), by: analyst)
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await harness.request(
                    .get, "/api/v1/indicators?cidr=10.9.8.0/24&sort=value&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), as: "analyst")
                let json = try #require(try page.json() as? [String: Any])
                seen += (json["items"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
                cursor = json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen == ["10.9.8.200", "10.9.8.64/26", "10.9.8.7"])
            let bad = try await harness.request(.get, "/api/v1/indicators?cidr=10.9.8.0/33", as: "analyst")
            #expect(bad.status == .unprocessableContent)
            let page = try await harness.request(.get, "/indicators?match=cidr&q=10.9.8.0/33", as: "analyst")
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("id=\"search-error\""))
        }
    }

    @Test func theDashboardCountsOnlyWhatTheReaderMaySee() async throws {
        try await ServerHarness.run { harness in
            for username in ["analyst", "operator2"] {
                let user = try #require(try await UserStore(harness.services.database.sql).find(username: username))
                let visible = try await IndicatorStore(harness.services.database.sql).count(scope: .principal(user.principal))
                let page = try await harness.request(.get, "/", as: username)
                #expect(page.status == .ok)
                #expect(page.text.contains("<strong>\(visible)</strong>"), "\(username) sees \(visible)")
                #expect(page.text.contains("<svg class=\"chart\""))
            }
        }
    }

    @Test func assetsAreCachedAndRevalidated() async throws {
        try await ServerHarness.run { harness in
            let css = try await harness.request(.get, "/assets/vigil.css", as: nil)
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] == "public, max-age=86400")
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            let etag = try #require(css.headers[.eTag])
            let again = try await harness.request(.get, "/assets/vigil.css", as: nil, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let unknown = try await harness.request(.get, "/assets/../vigil.yaml", as: nil)
            #expect(unknown.status == .notFound)
        }
    }
}

/// The review's findings on the UI's write paths, kept fixed.
@Suite("Web UI write paths")
struct PageWritePathTests {
    @Test func aFormPostCannotReachTheAPIThroughAnEmptyPathSegment() async throws {
        try await ServerHarness.run { harness in
            let session = try await PageTests.logIn(harness, "admin")
            let sneaky = try await harness.client.execute(
                uri: "//api/v1/tokens", method: .post, headers: session.formHeaders, body: .init(string: "{\"name\":\"csrf\"}"))
            #expect(sneaky.status == .forbidden, "a cookie-authenticated API write needs X-CSRF-Token, however the path is spelt")
            let tokens = try await harness.services.auth.tokens(of: try await PageTests.analyst(harness))
            #expect(!tokens.contains { $0.name == "csrf" })
        }
    }

    @Test func anUploadWithTheSessionCookieNeedsTheCSRFHeader() async throws {
        try await ServerHarness.run { harness in
            let session = try await PageTests.logIn(harness, "analyst")
            var headers = session.formHeaders
            let refused = try await harness.client.execute(
                uri: "/sources/demo-feed-beta/upload", method: .post, headers: headers, body: .init(string: "198.51.100.99\n"))
            #expect(refused.status == .forbidden)
            headers[.contentType] = "application/octet-stream"
            headers[AuthenticationMiddleware.csrfHeader] = session.csrf
            let accepted = try await harness.client.execute(
                uri: "/sources/demo-feed-beta/upload", method: .post, headers: headers, body: .init(string: "198.51.100.99\n"))
            #expect(accepted.status == .ok, "\(accepted.text)")
        }
    }

    @Test func onlyTheOwnerRelabelsAnIndicator() async throws {
        try await ServerHarness.run { harness in
            let record = try await harness.services.indicators.create(
                NewIndicator(value: "relabel-test.example", tlp: .green, threatType: .phishing), by: try await PageTests.analyst(harness))
            let admin = try #require(try await UserStore(harness.services.database.sql).find(username: "admin")).principal
            let other = try await harness.services.users.createUser(
                username: "isp-analyst", password: "long-enough-pass", displayName: "", organisationID: DemoAccounts.isp.id,
                role: .analyst, by: admin)
            await #expect(throws: ServiceError.self) {
                try await harness.services.indicators.changeTLP(id: record.id, to: .clear, reason: "", by: other.principal)
            }
            let changed = try await harness.services.indicators.changeTLP(id: record.id, to: .amber, reason: "", by: admin)
            #expect(changed.tlp == .amber)
        }
    }
}

@Suite("Indicator detail: the lists it is on")
struct IndicatorListsTests {
    @Test func theDetailNamesTheListsTheirRendererSelects() async throws {
        try await ServerHarness.run { harness in
            let analyst = try await PageTests.analyst(harness)
            let record = try await harness.services.indicators.create(
                NewIndicator(value: "198.51.100.201", tlp: .green, threatType: .scanner, confidence: 80), by: analyst)
            let now = Clock.nowMillis()
            let store = BlocklistStore(harness.services.database.sql)
            for policy in try await harness.services.blocklists.policies(for: analyst) {
                let listed = try await store.entries(for: policy, at: now).contains { $0.indicatorID == record.id }
                #expect(try await store.selects(policy, indicatorID: record.id, at: now) == listed, "\(policy.name)")
            }
            let page = try await harness.request(.get, "/indicators/\(record.id)", as: "analyst")
            #expect(page.text.contains("<li>demo-ips · "))
            _ = try await harness.services.indicators.revoke(id: record.id, reason: "test", by: analyst)
            let revoked = try await harness.request(.get, "/indicators/\(record.id)", as: "analyst")
            #expect(!revoked.text.contains("<li>demo-ips · "), "a revoked indicator leaves every list")
        }
    }
}
