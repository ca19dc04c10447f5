import Foundation
import Testing
import VigilCore
import VigilFormats
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Blocklists, on SQLite and PostgreSQL")
struct BlocklistServiceTests {
    static let policy = BlocklistPolicy(name: "dns-and-ips", minimumConfidence: 50, maximumTLP: .green, action: .nxdomain)

    static func feed(_ services: ServiceContainer, _ analyst: Principal, name: String, reliability: Int, threat: ThreatType, _ lines: [String]) async throws {
        _ = try await services.sources.add(
            SourceDefinition(name: name, collector: "file", format: "plain", location: "/dev/null", reliability: reliability,
                             defaultTLP: .green, threatType: threat), by: analyst)
        let report = try await services.ingest.run(source: name, input: .bytes(Array(lines.joined(separator: "\n").utf8)), by: analyst)
        #expect(report.run.rejected == 0)
    }

    static func id(_ services: ServiceContainer, _ type: IndicatorType, _ value: String) async throws -> String {
        try #require(try await IndicatorStore(services.database.sql).find(type: type, value: value, scope: .system)).id
    }

    @Test(arguments: TestDatabases.kinds)
    func onlyActiveUnsuppressedQualifyingIndicatorsAreListed(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await Self.feed(services, analyst, name: "strong", reliability: 80, threat: .c2, [
                "listed-host.net", "45.9.148.7", "45.9.150.0/24", "http://listed-host.net/x", "10.0.0.1",
                "revoked-host.net", "amber-host.net", "expired-host.net",
            ])
            try await Self.feed(services, analyst, name: "weak", reliability: 30, threat: .c2, ["weak-host.net"])
            try await Self.feed(services, analyst, name: "spammy", reliability: 90, threat: .spam, ["spam-host.net"])
            let indicators = IndicatorStore(services.database.sql)
            try await indicators.setStatus(id: try await Self.id(services, .domain, "revoked-host.net"), status: .revoked, at: 1)
            try await indicators.setStatus(id: try await Self.id(services, .domain, "expired-host.net"), status: .expired, at: 1)
            try await indicators.setTLP(id: try await Self.id(services, .domain, "amber-host.net"), tlp: .amber, at: 1)

            var policy = Self.policy
            policy.threatTypes = [.c2]
            let blocklists = BlocklistService(database: services.database, policies: [policy], warningLists: services.warningLists)
            let rendered = try await blocklists.render(policy, format: .txt)
            // Not: the URL (type), 10.0.0.1 (warning list), revoked, expired, AMBER, weak (confidence 30), spam (threat type).
            #expect(rendered.text == "listed-host.net\n45.9.148.7\n45.9.150.0/24\n", "export order: as created (by id)")
            #expect(rendered.entryCount == 3)

            // Paging by (type, value) visits every entry once, whatever the page size.
            let store = BlocklistStore(services.database.sql)
            var paged: [BlocklistEntry] = []
            try await store.forEachPage(for: policy, at: Clock.nowMillis(), pageSize: 1) { paged += $0 }
            #expect(paged == (try await store.entries(for: policy, at: Clock.nowMillis())))
            #expect(paged.count == 3, "10.0.0.1 was suppressed at ingest")

            let again = try await blocklists.render(policy, format: .rpz)
            #expect(again.serial == rendered.serial, "the same entries keep the serial")
            #expect(again.text.contains("\n32.7.148.9.45.rpz-ip CNAME .\n"))

            _ = try await services.warningLists.allow("listed-host.net", comment: "appeal accepted", by: analyst)
            let allowed = try await blocklists.render(policy, format: .rpz)
            #expect(allowed.serial == rendered.serial + 1)
            #expect(!allowed.text.contains("listed-host.net"), "an allowlisted name leaves the list at the next generation")
            #expect(allowed.etag != again.etag)
            let audit = try await AuditStore(services.database.sql).entries(afterSeq: 0, limit: 1_000).filter { $0.action == "blocklist.changed" }
            #expect(audit.count == 2, "the first generation and the change, not the unchanged one")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func listsAreForStaffAndTheirNamedOperators(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            for (id, name) in [("org-isp", "ISP One"), ("org-other", "Other ISP")] {
                try await OrganisationStore(services.database.sql).insert(OrganisationRecord(id: id, name: name, country: "XA", createdAt: 0))
            }
            var restricted = Self.policy
            restricted.name = "isp-one-only"
            restricted.operators = ["ISP One"]
            let blocklists = BlocklistService(
                database: services.database, policies: [Self.policy, restricted], warningLists: services.warningLists)
            let named = Principal(userID: "u1", username: "isp", organisationID: "org-isp", role: .operator)
            let other = Principal(userID: "u2", username: "other", organisationID: "org-other", role: .operator)
            let constituent = Principal(userID: "u3", username: "c", organisationID: "org-isp", role: .constituent)
            #expect(try await blocklists.policies(for: analyst).map(\.name) == ["dns-and-ips", "isp-one-only"])
            #expect(try await blocklists.policies(for: named).map(\.name) == ["dns-and-ips", "isp-one-only"])
            #expect(try await blocklists.policies(for: other).map(\.name) == ["dns-and-ips"])
            #expect(try await blocklists.policies(for: constituent).isEmpty)
            #expect(try await blocklists.render(name: "isp-one-only", format: .txt, for: other) == nil)
            #expect(try await blocklists.render(name: "isp-one-only", format: .txt, for: named) != nil)
            #expect(try await blocklists.render(name: "no-such-list", format: .txt, for: analyst) == nil)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func suricataSidsStayTheSameAcrossRegenerations(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await Self.feed(services, analyst, name: "first", reliability: 80, threat: .c2, ["first-host.net", "45.9.148.7"])
            let blocklists = BlocklistService(database: services.database, policies: [Self.policy], warningLists: services.warningLists)
            func sids(_ text: String) -> [String: String] {
                Dictionary(uniqueKeysWithValues: text.split(separator: "\n").filter { $0.hasPrefix("alert") }.map { line in
                    let sid = line.components(separatedBy: "sid:")[1].prefix { $0.isNumber }
                    return (String(line.components(separatedBy: "sid:")[0]), String(sid))
                })
            }
            let before = sids(try await blocklists.render(Self.policy, format: .suricata).text)
            #expect(before.count == 4, "dns, tls and http rules for the name, one ip rule")
            #expect(before.values.allSatisfy { Int64($0)! >= SuricataSIDStore.firstSID })
            try await Self.feed(services, analyst, name: "second", reliability: 80, threat: .c2, ["second-host.net"])
            let after = sids(try await blocklists.render(Self.policy, format: .suricata).text)
            #expect(after.count == 7)
            for (rule, sid) in before { #expect(after[rule] == sid, "a rule keeps its sid: \(rule)") }
            #expect(Set(after.values).count == 7, "no sid twice")
        }
    }
}
