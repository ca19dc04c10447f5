import Foundation
import Testing
import VigilCore
import VigilFormats
import VigilStore
@testable import VigilServices
import VigilTestSupport

@Suite("Zone transfer service, on SQLite and PostgreSQL")
struct ZoneTransferServiceTests {
    static let lists = [
        BlocklistPolicy(name: "for-all", types: [.domain], action: .nxdomain),
        BlocklistPolicy(name: "for-isp", types: [.domain], action: .nxdomain, operators: ["ISP One"]),
    ]
    static let settings = VigilConfiguration.ZoneTransfer(secondaries: [
        .init(network: .v4(try! IPv4Network(parsing: "127.0.0.0/8")), notify: .init(host: "127.0.0.1", port: 5301)),
        .init(network: .v4(try! IPv4Network(parsing: "192.0.2.0/24")), organisation: "ISP Two"),
    ])

    static func ixfr(_ zone: String, from serial: UInt32) -> DNSQuery {
        DNSQuery(id: 1, name: "\(zone).rpz.vigil.", type: DNSCode.RecordType.ixfr.rawValue, clientSerial: serial)
    }

    static func answerCount(_ messages: ZoneTransferMessages) throws -> Int {
        try messages.reduce(0) { $0 + Int(try DNSQuery(parsing: $1).isResponse ? UInt16($1[6]) << 8 | UInt16($1[7]) : 0) }
    }

    static func responseCodes(_ messages: ZoneTransferMessages) throws -> [UInt8] {
        try messages.map { try DNSQuery(parsing: $0).responseCode }
    }

    @Test(arguments: TestDatabases.kinds)
    func zonesFollowTheStoreAndAnswerOnlyTheirSecondaries(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await BlocklistServiceTests.feed(services, analyst, name: "feed", reliability: 80, threat: .c2, [
                "one-host.net", "two-host.net", "three-host.net",
            ])
            let blocklists = BlocklistService(database: services.database, policies: Self.lists, warningLists: services.warningLists)
            let zones = ZoneTransferService(blocklists: blocklists, policies: Self.lists, settings: Self.settings)
            let first = try await zones.refresh()
            #expect(first.map(\.origin) == ["for-all.rpz.vigil.", "for-isp.rpz.vigil."])
            #expect(first.map(\.owners.count) == [3, 3])
            #expect(try await zones.refresh().isEmpty, "nothing changed, nothing to announce")
            let serial = try #require(first.first?.serial)

            _ = try await services.warningLists.allow("two-host.net", comment: "appeal", by: analyst)
            let changed = try await zones.refresh()
            #expect(changed.map(\.serial) == [serial + 1, serial + 1])
            #expect(changed.map(\.owners.count) == [2, 2])

            // IXFR from the first serial: SOA, old SOA, the deletion, new SOA (nothing added), SOA.
            let delta = await zones.answer(Self.ixfr("for-all", from: serial), from: "127.0.0.1", overTCP: true)
            #expect(try Self.answerCount(delta) == 5)
            // A secondary of another organisation gets the lists open to all, not ISP One's.
            let other = await zones.answer(Self.ixfr("for-all", from: serial), from: "192.0.2.9", overTCP: true)
            #expect(try Self.answerCount(other) == 5)
            let refused = await zones.answer(Self.ixfr("for-isp", from: serial), from: "192.0.2.9", overTCP: true)
            #expect(try Self.responseCodes(refused) == [DNSCode.ResponseCode.refused.rawValue])
            let stranger = await zones.answer(Self.ixfr("for-all", from: serial), from: "198.51.100.1", overTCP: true)
            #expect(try Self.responseCodes(stranger) == [DNSCode.ResponseCode.refused.rawValue])

            #expect(await zones.notifyTargets(origin: "for-isp.rpz.vigil.") == [.init(host: "127.0.0.1", port: 5301)])
            #expect(await zones.notifyTargets(origin: "nope.rpz.vigil.").isEmpty)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func allowlistChangesSignalTheBlocklists(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            var signals = services.blocklistChanges.signals.makeAsyncIterator()
            _ = try await services.warningLists.allow("listed.example.net", comment: "appeal", by: analyst)
            #expect(await signals.next() != nil)
            try await services.warningLists.disallow("listed.example.net", by: analyst)
            #expect(await signals.next() != nil)
        }
    }

    @Test func theJournalKeepsAtMostWhatIsCheaperThanTheWholeZone() {
        func delta(_ from: UInt32, changes: Int) -> ZoneDelta {
            var added = PackedNames()
            for index in 0..<changes { added.append(Array("n\(index)".utf8)) }
            return ZoneDelta(from: from, to: from + 1, removed: PackedNames(), removedTarget: [0], added: added)
        }
        var journal = (0..<150).map { delta(UInt32($0), changes: 1) }
        ZoneTransferService.trim(&journal, zoneSize: 10)
        #expect(journal.count == ZoneTransferService.journalLimit && journal.last?.to == 150)
        journal = [delta(1, changes: 900), delta(2, changes: 900)]
        ZoneTransferService.trim(&journal, zoneSize: 1000)
        #expect(journal.map(\.from) == [2], "1,800 changed records in a zone of 1,000: the oldest change goes")
    }
}
