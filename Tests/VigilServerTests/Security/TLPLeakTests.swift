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

/// An indicator at each TLP, owned by the CERT, read by every demo user through every GET route:
/// a value may appear in an answer only where the access rule lets that user read it. Blocklist
/// feeds follow their own rule, checked here too: values up to the list's TLP, for CERT staff and
/// the operators the list names, whatever their constituency (an operator blocks for everyone).
@Suite("TLP and constituency leak test")
struct TLPLeakTests {
    @Test(arguments: TestDatabases.kinds)
    func nothingLeaksThroughAnyReadRoute(kind: DatabaseKind) async throws {
        try await ServerHarness.run(kind) { harness in
            let analyst = try #require(try await UserStore(harness.services.database.sql).find(username: "analyst")).principal
            var planted: [(record: IndicatorRecord, marker: String)] = []
            for tlp in TLP.allCases {
                for constituency in [nil, DemoAccounts.isp.id] as [String?] {
                    let marker = "leak-\(tlp.rawValue.lowercased().replacingOccurrences(of: "+", with: "-"))-\(constituency ?? "none").test"
                    let record = try await harness.services.indicators.create(
                        NewIndicator(type: .domain, value: marker, tlp: tlp, threatType: .c2,
                                     recipients: tlp == .red ? [DemoAccounts.water.id] : nil,
                                     constituencyOrganisationID: constituency),
                        by: analyst)
                    planted.append((record, marker))
                }
            }
            let sharing = try await OrganisationStore(harness.services.database.sql).partners(of: DemoAccounts.cert.id)
            let reads = try VigilServer.routes(services: harness.services).endpoints.filter { $0.method == .get }
            for login in DemoAccounts.logins {
                let principal = try #require(try await UserStore(harness.services.database.sql).find(username: login.username)).principal
                for (record, marker) in planted {
                    let readable = AccessRule.canRead(record.visibility, principal: principal, ownerSharesWith: sharing)
                    let onFeed = record.tlp <= .green && [.admin, .analyst, .operator].contains(principal.role)
                    for endpoint in reads {
                        let isFeed = endpoint.path == "/feeds/{file}"
                        let allowed = isFeed ? onFeed : readable
                        let uri = endpoint.path.replacingOccurrences(of: "{name}", with: "demo-analysts")
                            .replacingOccurrences(of: "{file}", with: "demo-dns.txt")
                            .replacingOccurrences(of: "{id}", with: endpoint.path.hasPrefix("/api/v1/indicators") ? record.id : principal.userID)
                            .replacingOccurrences(of: "{object_id}", with: "indicator--00000000-0000-4000-8000-000000000000")
                            + (endpoint.path == "/api/v1/indicators" ? "?value=\(marker)" : "")
                        let response = try await harness.request(.get, uri, as: login.username)
                        let shows = response.text.contains(marker)
                        if !allowed {
                            #expect(!shows, "\(login.username) (\(login.role)) saw TLP:\(record.tlp.rawValue) \(marker) via \(uri)")
                        }
                        if allowed, endpoint.path.hasPrefix("/api/v1/indicators") || isFeed {
                            #expect(shows, "\(login.username) should see \(marker) via \(uri)")
                        }
                        if !allowed, endpoint.path == "/api/v1/indicators/{id}" {
                            #expect(response.status == .notFound, "hidden indicator must look absent, not forbidden")
                        }
                    }
                }
            }
        }
    }

    /// Two operators and a constituent, every GET route with every id of the other organisations
    /// (their organisation, notices, sightings): no answer names another organisation.
    @Test(arguments: TestDatabases.kinds)
    func noOrganisationSeesAnotherThroughAnyReadRoute(kind: DatabaseKind) async throws {
        try await ServerHarness.run(kind) { harness in
            try await harness.services.notices.compose(now: Clock.nowMillis() + 2 * 86_400_000)
            let analyst = try #require(try await UserStore(harness.services.database.sql).find(username: "analyst")).principal
            let notices = try await harness.services.notices.list(for: analyst)
            #expect(Set(notices.map(\.organisationID)).isSuperset(of: [DemoAccounts.isp.id, DemoAccounts.otherISP.id]))
            let sightings = try await harness.services.matching.sightings(indicatorID: nil, observer: nil, before: nil, limit: 1000, for: analyst)
            #expect(Set(sightings.compactMap(\.organisationID)).isSuperset(of: [DemoAccounts.isp.id, DemoAccounts.otherISP.id]))
            let reads = try VigilServer.routes(services: harness.services).endpoints.filter { $0.method == .get }
            for login in DemoAccounts.logins where login.role.isConstituencyScoped {
                let others = [DemoAccounts.isp.id, DemoAccounts.otherISP.id, DemoAccounts.water.id].filter { $0 != login.organisationID }
                for other in others {
                    let ids = [other] + notices.filter { $0.organisationID == other }.map(\.id)
                    for endpoint in reads {
                        for id in endpoint.path.contains("{id}") ? ids : [other] {
                            let uri = endpoint.path.replacingOccurrences(of: "{name}", with: "demo-analysts")
                                .replacingOccurrences(of: "{file}", with: "demo-dns.txt").replacingOccurrences(of: "{id}", with: id)
                                .replacingOccurrences(of: "{object_id}", with: "indicator--00000000-0000-4000-8000-000000000000")
                            let response = try await harness.request(.get, uri, as: login.username)
                            // A 404 repeats the id asked for; an answer must not name the other organisation.
                            if response.status.code < 300 {
                                #expect(!response.text.contains(other), "\(login.username) saw \(other) via \(uri)")
                            }
                        }
                    }
                }
            }
        }
    }
}
