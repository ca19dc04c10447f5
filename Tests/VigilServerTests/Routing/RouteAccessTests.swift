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

/// Every registered route × every role × no login. The list comes from the router itself, so a
/// route added later is covered without touching this test.
@Suite("Route access by role")
struct RouteAccessTests {
    /// Routes that answer without a login. Adding one here is a security decision.
    static let publicRoutes: Set<String> = [
        "GET /healthz", "GET /readyz", "GET /metrics", "GET /api/v1/openapi.json", "GET /login", "POST /login",
        "POST /api/v1/appeals", "POST /api/v1/appeals/status", "GET /appeal", "POST /appeal", "GET /appeal/status",
        "POST /appeal/status", "POST /language", "GET /assets/{name}",
    ]

    @Test func everyRouteIsInTheEndpointTableAndOnlyTheAllowListIsPublic() async throws {
        try await TestDatabases.withDemoServices(.sqlite) { (services: ServiceContainer) async throws -> Void in
            let routes = try VigilServer.routes(services: services)
            let registered = Set(routes.router.routes.map { "\($0.method) \($0.path)" })
            let described = Set(routes.endpoints.map { "\($0.method) \(RouterPathDescription.normalise($0.path))" })
            #expect(registered == described, "every route must be registered through the endpoint table")
            let publicOnes = Set(routes.endpoints.filter { $0.access == .public }.map { "\($0.method) \($0.path)" })
            #expect(publicOnes == Self.publicRoutes)
        }
    }

    @Test func everyRouteTimesEveryRole() async throws {
        try await ServerHarness.run { harness in
            let endpoints = try VigilServer.routes(services: harness.services).endpoints
            // The CERT's own, so that its analysts may also change its TLP (only the owner relabels).
            let indicatorID = try #require(try await IndicatorStore(harness.services.database.sql)
                .search(IndicatorQuery(tlp: .clear, limit: 200), scope: .system).items
                .first { $0.ownerOrganisationID == DemoAccounts.cert.id }).id
            let adminUser = try #require(try await UserStore(harness.services.database.sql).find(username: "admin"))
            let analyst = try #require(try await UserStore(harness.services.database.sql).find(username: "analyst")).principal
            _ = try await harness.services.sources.add(
                SourceDefinition(name: "route-push", collector: "push", format: "plain"), by: analyst)
            let runID = try await harness.services.ingest.run(
                source: "route-push", input: .bytes(Array("route.example\n".utf8)), by: analyst).run.id
            let orderID = try await harness.services.orders.create(
                NewOrder(reference: "ROUTE-1", action: .block, deadline: Date().addingTimeInterval(86_400),
                         addressees: [DemoAccounts.isp.id], resources: ["route-order.example"]), by: analyst).id
            _ = try await harness.services.appeals.submit(
                resource: "appealed.example", reason: "ours", contactEmail: "owner@appealed.example", clientAddress: "route-test")
            let appealID = try #require(try await harness.services.appeals.list(for: analyst).first).id
            try await harness.services.notices.compose(now: Clock.nowMillis() + 2 * 86_400_000)
            let noticeID = try #require(try await harness.services.notices.list(for: analyst).first).id
            for endpoint in endpoints {
                for username in [nil] + DemoAccounts.logins.map(\.username) as [String?] {
                    let caller = username.flatMap { name in DemoAccounts.logins.first { $0.username == name } }
                    // Fresh resources per call, so that a revoke by one role does not change the next role's answer.
                    let tokenID = try await harness.services.auth.createToken(for: adminUser.principal, name: "victim", ttlDays: 1).token.id
                    let path = endpoint.path
                        .replacingOccurrences(of: "/indicators/{id}", with: "/indicators/\(indicatorID)")
                        .replacingOccurrences(of: "/users/{id}", with: "/users/\(adminUser.id)")
                        .replacingOccurrences(of: "/tokens/{id}", with: "/tokens/\(tokenID)")
                        .replacingOccurrences(of: "/sources/{name}", with: "/sources/route-push")
                        .replacingOccurrences(of: "/feeds/{file}", with: "/feeds/demo-dns.rpz")
                        .replacingOccurrences(of: "/orders/{id}", with: "/orders/\(orderID)")
                        .replacingOccurrences(of: "/appeals/{id}", with: "/appeals/\(appealID)")
                        .replacingOccurrences(of: "/imports/{id}", with: "/imports/\(runID)")
                        .replacingOccurrences(of: "/organisations/{id}", with: "/organisations/\(DemoAccounts.isp.id)")
                        .replacingOccurrences(of: "/notices/{id}", with: "/notices/\(noticeID)")
                        .replacingOccurrences(of: "/partners/{name}", with: "/partners/CERT%20Testland")
                        .replacingOccurrences(of: "/assets/{name}", with: "/assets/vigil.css")
                        .replacingOccurrences(of: "{object_id}", with: "indicator--00000000-0000-4000-8000-000000000000")
                        .replacingOccurrences(of: "{id}", with: "unknown")
                    let response = try await harness.request(endpoint.method, path, as: username, json: Self.body(for: endpoint))
                    let status = response.status.code
                    let label = "\(endpoint.method) \(endpoint.path) as \(username ?? "anonymous")"
                    switch (endpoint.access, caller) {
                    case (.public, _):
                        // A public form may still refuse a request without its CSRF token (403); it never asks for a login.
                        #expect(status != 401, "\(label) is public: \(status)")
                    case (_, nil):
                        let refused = status == 401 || (status == 303 && response.headers[.location] == "/login")
                        #expect(refused, "\(label) must need a login: \(status)")
                    case (let access, let caller?):
                        if access.allows(caller.role) {
                            #expect(status != 401 && status != 403, "\(label) must be allowed: \(status) \(response.text)")
                        } else {
                            #expect(status == 403, "\(label) must be forbidden: \(status)")
                        }
                    }
                }
            }
        }
    }

    /// A valid body per request schema, so an allowed call reaches its handler's logic.
    static func body(for endpoint: Endpoint) -> String? {
        switch endpoint.requestSchema {
        case "NewIndicator": "{\"value\":\"route-\(UUID().uuidString.prefix(8).lowercased()).example\",\"threat_type\":\"phishing\"}"
        case "Revocation": "{\"reason\":\"route test\"}"
        case "TLPChange": "{\"tlp\":\"GREEN\"}"
        case "NewUser": "{\"username\":\"u\(UUID().uuidString.prefix(8).lowercased())\",\"password\":\"long-enough-pass\",\"organisation_id\":\"org-cert\",\"role\":\"analyst\"}"
        case "NewOrganisation": "{\"name\":\"Org \(UUID().uuidString)\"}"
        case "NewToken": "{\"name\":\"t\"}"
        case "SourceDefinition": "{\"name\":\"s\(UUID().uuidString.prefix(8).lowercased())\",\"collector\":\"push\",\"format\":\"plain\"}"
        case "NewAllowlistEntry": endpoint.path.hasSuffix("/remove")
            ? "{\"entry\":\"never-added.example\"}" : "{\"entry\":\"a\(UUID().uuidString.prefix(8).lowercased()).example\"}"
        case "NewOrder": "{\"reference\":\"R-\(UUID().uuidString.prefix(8))\",\"action\":\"block\",\"deadline\":\"2099-01-01T00:00:00Z\",\"addressees\":[\"\(DemoAccounts.isp.id)\"],\"resources\":[\"route.example\"]}"
        case "NewAppeal": "{\"resource\":\"appealed.example\",\"reason\":\"ours\",\"contact_email\":\"owner@appealed.example\"}"
        case "AppealTracking": "{\"tracking_id\":\"unknown\"}"
        case "AppealDecision": "{\"reason\":\"route test\"}"
        case "OrderAnswer": "{\"evidence\":\"route test\",\"reason\":\"route test\"}"
        case "PushItems": "[{\"value\":\"pushed-\(UUID().uuidString.prefix(8).lowercased()).example\"}]"
        default: nil
        }
    }
}

/// Hummingbird prints `{id}` parameters as `:id`; this maps ours to its form.
enum RouterPathDescription {
    static func normalise(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? "{\(part.dropFirst().dropLast())}" : String(part)
        }.joined(separator: "/")
    }
}
