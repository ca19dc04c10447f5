import Foundation
import Synchronization
import Testing
import VigilCore
import VigilMatch
import VigilStore
@testable import VigilServices
import VigilTestSupport

@Suite("Matching telemetry into sightings, on SQLite and PostgreSQL")
struct MatchServiceTests {
    static func unbound(_ client: String, _ name: String, at seconds: Int) -> String {
        "[\(seconds)] unbound[1:0] info: \(client) \(name). A IN\n"
    }

    @Test(arguments: TestDatabases.kinds)
    func hitsAreCountedPerClientAndHourWithPseudonymousClients(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await BlocklistServiceTests.feed(services, analyst, name: "c2", reliability: 80, threat: .c2, [
                "c2-panel.net", "*.fast-flux.org", "45.9.148.0/24",
            ])
            let panel = try await BlocklistServiceTests.id(services, .domain, "c2-panel.net")
            let hour = 1_795_651_200
            var log = ""
            for k in 0..<5 { log += Self.unbound("10.0.0.1", "C2-Panel.net", at: hour + k) }
            log += Self.unbound("10.0.0.2", "c2-panel.net", at: hour + 10)
            log += Self.unbound("10.0.0.1", "c2-panel.net", at: hour + 3600)
            log += Self.unbound("10.0.0.3", "a.b.fast-flux.org", at: hour + 20)
            log += "this is not a log line\n"
            log += Self.unbound("10.0.0.3", "harmless.org", at: hour + 30)
            let report = try await services.matching.scan(.bytes(Array(log.utf8)), format: .unbound, observer: "resolver-1")
            #expect(report.statistics.hits == 8 && report.statistics.malformed == 1 && report.statistics.lines == 10)
            #expect(report.generations == [1])

            let rows = try await services.matching.sightings(
                indicatorID: panel, observer: nil, before: nil, limit: 100, for: analyst)
            // Two clients in the first hour, one of them again in the next: three rows, seven hits.
            #expect(rows.count == 3 && rows.map(\.count).reduce(0, +) == 7)
            #expect(rows.allSatisfy { $0.client.hasPrefix("p:") && $0.client.count == 34 && $0.observer == "resolver-1" })
            #expect(Set(rows.map(\.client)).count == 2)
            let first = try #require(rows.first { $0.count == 5 })
            #expect(first.hour == Int64(hour) * 1000 && first.firstSeen == Int64(hour) * 1000 && first.lastSeen == Int64(hour + 4) * 1000)

            // A second scan adds to the same rows instead of repeating them.
            _ = try await services.matching.scan(.bytes(Array(Self.unbound("10.0.0.1", "c2-panel.net", at: hour + 60).utf8)),
                                                 format: .unbound, observer: "resolver-1")
            let again = try await services.matching.sightings(indicatorID: panel, observer: nil, before: nil, limit: 100, for: analyst)
            #expect(again.count == 3 && again.map(\.count).reduce(0, +) == 8)
            let summary = try await services.matching.summary(indicatorID: panel, for: analyst)
            #expect(summary.count == 8 && summary.observers == 1 && summary.lastSeen == Int64(hour + 3600) * 1000)

            // Raw hits keep the input position; past the retention they go, the counts stay.
            let raw = try await SightingStore(services.database.sql).hits(indicatorID: panel, limit: 100, scope: .system)
            #expect(raw.count == 8 && raw.allSatisfy { $0.input == "upload" && $0.line >= 1 })
            #expect(try await services.matching.purgeRawHits(now: Int64(hour) * 1000) == 0)
            #expect(try await services.matching.purgeRawHits(now: Int64(hour + 3600 + 8 * 86_400) * 1000) == 9)
            #expect(try await services.matching.summary(indicatorID: panel, for: analyst).count == 8)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func sightingsAreVisibleOnlyWithTheirIndicator(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            let other = try await services.users.createOrganisation(name: "Other CERT", country: "XB", by: nil)
            let outsider = try await services.users.createUser(
                username: "outsider", password: "outsider-test-pass", organisationID: other.id, role: .analyst, by: nil)
            let red = try await services.indicators.create(
                NewIndicator(type: .domain, value: "red-only.net", tlp: .red, threatType: .c2, confidence: 90), by: analyst)
            let green = try await services.indicators.create(
                NewIndicator(type: .domain, value: "green-too.net", tlp: .green, threatType: .c2, confidence: 90), by: analyst)
            let log = Self.unbound("10.0.0.1", "red-only.net", at: 1_795_651_200) + Self.unbound("10.0.0.1", "green-too.net", at: 1_795_651_200)
            _ = try await services.matching.scan(.bytes(Array(log.utf8)), format: .unbound, observer: "r1")
            let mine = try await services.matching.sightings(indicatorID: nil, observer: "r1", before: nil, limit: 10, for: analyst)
            #expect(Set(mine.map(\.indicatorID)) == [red.id, green.id])
            let theirs = try await services.matching.sightings(indicatorID: nil, observer: "r1", before: nil, limit: 10, for: outsider.principal)
            #expect(theirs.map(\.indicatorID) == [green.id])
            #expect(try await services.matching.summary(indicatorID: red.id, for: outsider.principal).count == 0)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aURLTaggedMatchHostHitsOnItsHost(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            let tagged = try await services.indicators.create(NewIndicator(
                type: .url, value: "http://login-portal.net/verify", tlp: .green, threatType: .phishing, confidence: 90,
                tags: [MatchService.hostFallbackTag]), by: analyst)
            _ = try await services.indicators.create(NewIndicator(
                type: .url, value: "http://other-portal.net/verify", tlp: .green, threatType: .phishing, confidence: 90), by: analyst)
            let log = Self.unbound("10.0.0.1", "login-portal.net", at: 1_795_651_200)
                + Self.unbound("10.0.0.1", "other-portal.net", at: 1_795_651_200)
            let report = try await services.matching.scan(.bytes(Array(log.utf8)), format: .unbound, observer: "r1")
            #expect(report.statistics.hits == 1)
            let rows = try await services.matching.sightings(indicatorID: nil, observer: "r1", before: nil, limit: 10, for: analyst)
            #expect(rows.map(\.indicatorID) == [tagged.id])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aReloadDuringAScanAppliesFromTheNextBatch(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await BlocklistServiceTests.feed(services, analyst, name: "old", reliability: 80, threat: .c2, ["old-threat.net"])
            let first = try await services.matching.reload()
            #expect(first.indicators == 1)
            let pair = Self.unbound("10.0.0.1", "old-threat.net", at: 1_795_651_200)
                + Self.unbound("10.0.0.2", "new-threat.net", at: 1_795_651_200)
            // A slow sensor: 40 chunks of 100 line pairs; the new indicator arrives after the 10th.
            let chunk = Array(String(repeating: pair, count: 100).utf8)
            let sent = Mutex(0)
            let (gate, opened) = AsyncStream<Void>.makeStream()
            let matching = services.matching
            let reader: @Sendable () async throws -> [UInt8]? = {
                let n = sent.withLock { n in n += 1; return n }
                if n == 11 { for await _ in gate { break } }
                return n <= 40 ? chunk : nil
            }
            async let streamed = Self.scan(matching, read: reader)
            try await Task.sleep(for: .milliseconds(200))
            try await BlocklistServiceTests.feed(services, analyst, name: "new", reliability: 80, threat: .c2, ["new-threat.net"])
            #expect(try await matching.reloadIfChanged()?.indicators == 2)
            opened.yield()
            let report = try await streamed
            #expect(report.statistics.lines == 8000 && report.statistics.records == 8000)
            #expect(report.generations == [first.generation, first.generation + 1])
            let old = try await matching.summary(indicatorID: try await BlocklistServiceTests.id(services, .domain, "old-threat.net"), for: analyst)
            let new = try await matching.summary(indicatorID: try await BlocklistServiceTests.id(services, .domain, "new-threat.net"), for: analyst)
            // Every old-threat line hit once; new-threat lines hit from the swap on, never twice.
            #expect(old.count == 4000)
            #expect(new.count > 0 && new.count < 4000 && old.count + new.count == Int64(report.statistics.hits))
        }
    }

    /// A scan over chunks from `read` (the stream reads through the same closure type `TelemetryInput` uses).
    static func scan(_ matching: MatchService, read: @escaping @Sendable () async throws -> [UInt8]?) async throws -> MatchService.ScanReport {
        try await matching.scan(stream: read, inputName: "sensor", format: .unbound, observer: "r1",
                                options: MatchService.ScanOptions(threads: 2))
    }
}
