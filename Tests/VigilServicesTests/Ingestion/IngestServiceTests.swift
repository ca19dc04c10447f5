import Foundation
import SQLKit
import Testing
import VigilCore
import VigilFormats
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Feed ingestion, on SQLite and PostgreSQL")
struct IngestServiceTests {
    static let feed = """
        # demo feed
        evil.example
        192.0.2.10 ; inline comment
        1.2.3.04
        http://phish.example/login
        not a value at all
        evil.example
        2001:db8::1
        """

    static func source(_ services: ServiceContainer, _ analyst: Principal, name: String = "feed-a", reliability: Int = 80) async throws {
        _ = try await services.sources.add(
            SourceDefinition(name: name, collector: "file", format: "plain", location: "/dev/null", reliability: reliability,
                             defaultTLP: .green, threatType: .c2, tags: ["demo"]), by: analyst)
    }

    static func indicatorRows(_ services: ServiceContainer) async throws -> Int {
        try await IndicatorStore(services.database.sql).count(scope: .system)
    }

    @Test(arguments: TestDatabases.kinds)
    func badLinesAreReportedAndTheRestLoads(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await Self.source(services, analyst)
            let report = try await services.ingest.run(source: "feed-a", input: .bytes(Array(Self.feed.utf8)), by: analyst)
            #expect(report.run.status == .succeeded)
            #expect(report.run.linesRead == 8)
            #expect(report.run.new == 4)
            #expect(report.run.unchanged == 1, "the duplicate line in the same feed")
            #expect(report.run.rejected == 2)
            #expect(report.rejections.map(\.location.line) == [4, 6])
            #expect(report.rejections.allSatisfy { $0.field == "value" })
            #expect(report.rejections[0].reason.contains("1.2.3.04"))
            #expect(report.rejectionLines[0].hasPrefix("source feed-a, line 4"))
            let stored = try await services.ingest.rejections(runID: report.run.id, for: analyst)
            #expect(stored.map(\.line) == [4, 6])
            let record = try #require(try await IndicatorStore(services.database.sql).find(type: .domain, value: "evil.example", scope: .system))
            #expect(record.tlp == .green)
            #expect(record.threatType == .c2)
            #expect(record.confidence == 80)
            #expect(record.tags == ["demo"])
            #expect(try await services.auditVerifier.verify().isIntact)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func reimportChangesNothingButLastSeen(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await Self.source(services, analyst)
            let first = try await services.ingest.run(source: "feed-a", input: .bytes(Array(Self.feed.utf8)), by: analyst)
            let rowsAfterFirst = try await Self.indicatorRows(services)
            let second = try await services.ingest.run(source: "feed-a", input: .bytes(Array(Self.feed.utf8)), by: analyst)
            #expect(try await Self.indicatorRows(services) == rowsAfterFirst)
            #expect(second.run.new == 0)
            #expect(second.run.updated == 0)
            #expect(second.run.unchanged == first.run.new + first.run.unchanged)
            #expect(second.run.rejected == first.run.rejected)
            let record = try #require(try await IndicatorStore(services.database.sql).find(type: .domain, value: "evil.example", scope: .system))
            let provenance = try await SourceStore(services.database.sql).provenance(indicatorID: record.id)
            #expect(provenance.count == 1)
            #expect(provenance[0].timesSeen == 2)
            let history = try await IndicatorStore(services.database.sql).history(indicatorID: record.id, scope: .system)
            #expect(history.map(\.change) == ["created"], "a re-import writes no history")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aSecondIndependentSourceRaisesConfidence(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await Self.source(services, analyst, name: "feed-a", reliability: 80)
            try await Self.source(services, analyst, name: "feed-b", reliability: 60)
            _ = try await services.ingest.run(source: "feed-a", input: .bytes(Array("evil.example\n".utf8)), by: analyst)
            let report = try await services.ingest.run(source: "feed-b", input: .bytes(Array("evil.example\nnew.example\n".utf8)), by: analyst)
            #expect(report.run.updated == 1)
            #expect(report.run.new == 1)
            let record = try #require(try await IndicatorStore(services.database.sql).find(type: .domain, value: "evil.example", scope: .system))
            #expect(record.confidence == Confidence.combined([(80, 100), (60, 100)]))
            #expect(record.confidence == 92)
            let detail = try await services.indicators.detail(id: record.id, for: analyst)
            #expect(detail.provenance.count == 2)
            #expect(detail.history.map(\.change) == ["created", "listed"])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func strictRunsFailOnTheFirstRejection(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await Self.source(services, analyst)
            var options = Ingestor.Options()
            options.strict = true
            await #expect(throws: Ingestor.StrictFailure.self) {
                try await services.ingest.run(source: "feed-a", input: .bytes(Array(Self.feed.utf8)), by: analyst, options: options)
            }
            let runs = try await services.ingest.reports(source: "feed-a", for: analyst)
            #expect(runs.first?.status == .failed)
            #expect(runs.first?.rejected == 2)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func oversizedInputStopsButKeepsWhatWasCommitted(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            _ = try await services.sources.add(
                SourceDefinition(name: "small", collector: "file", format: "plain", location: "/x", maxBytes: 2048), by: analyst)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-big-\(UUID().uuidString).txt").path
            let lines = (0..<2000).map { "host\($0).example" }.joined(separator: "\n")
            try lines.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var options = Ingestor.Options()
            options.batchSize = 50
            let report = try await services.ingest.run(source: "small", input: .file(path: path), by: analyst, options: options)
            #expect(report.run.status == .failed)
            #expect(report.run.message.contains("2048"))
            #expect(report.run.new > 0, "batches before the limit are kept")
            #expect(try await Self.indicatorRows(services) == report.run.new)
        }
    }

    @Test func confidenceFormula() {
        #expect(Confidence.combined([]) == 0)
        #expect(Confidence.combined([(80, 100)]) == 80)
        #expect(Confidence.combined([(80, 50)]) == 40)
        #expect(Confidence.combined([(80, 100), (60, 100)]) == 92)
        #expect(Confidence.combined([(100, 100), (10, 10)]) == 100)
        #expect(Confidence.combined([(150, -5)]) == 0, "inputs are clamped")
    }
}

@Suite("Warning lists at ingest, on SQLite and PostgreSQL")
struct WarningListIngestTests {
    @Test(arguments: TestDatabases.kinds)
    func hitsAreKeptButSuppressedWithTheListName(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await IngestServiceTests.source(services, analyst)
            _ = try await services.warningLists.allow("good-partner.net", comment: "our partner", by: analyst)
            let feed = "10.1.2.3\n8.8.8.8\nevil.example\nx.good-partner.net\ngood-partner.net\nbad-actor.net\n"
            let report = try await services.ingest.run(source: "feed-a", input: .bytes(Array(feed.utf8)), by: analyst)
            #expect(report.run.new == 6)
            #expect(report.run.suppressed == 4, "private, resolver, reserved name and allowlisted; the subdomain is not")
            func suppression(_ type: IndicatorType, _ value: String) async throws -> String? {
                try #require(try await IndicatorStore(services.database.sql).find(type: type, value: value, scope: .system)).suppressedBy
            }
            #expect(try await suppression(.ipv4, "10.1.2.3") == "iana-special-ipv4")
            #expect(try await suppression(.ipv4, "8.8.8.8") == "public-resolvers")
            #expect(try await suppression(.domain, "evil.example") == "reserved-tlds-documentation")
            #expect(try await suppression(.domain, "good-partner.net") == "allowlist")
            #expect(try await suppression(.domain, "x.good-partner.net") == nil)
            #expect(try await suppression(.domain, "bad-actor.net") == nil)
            await #expect(throws: ServiceError.self) { try await services.warningLists.allow("not a domain!", comment: "", by: analyst) }
        }
    }
}
