import Testing
import VigilCore
@testable import VigilFormats

@Suite("Zone transfer answers (AXFR, IXFR, NOTIFY)")
struct ZoneTransferMessagesTests {
    static let soa = DNSCode.RecordType.soa.rawValue
    static let cname = DNSCode.RecordType.cname.rawValue

    static func snapshot(_ entries: [BlocklistEntry], serial: UInt32, policy: BlocklistPolicy = BlocklistFixtures.policy) -> ZoneSnapshot {
        var builder = ZoneSnapshot.Builder(policy: policy)
        for entry in entries.sorted(by: BlocklistEntry.exportOrder) { builder.add(entry) }
        return builder.finish(serial: serial)
    }

    static func records(_ messages: ZoneTransferMessages) throws -> [DecodedRecord] {
        try messages.flatMap { try decodeAnswers($0).answers }
    }

    static func query(_ type: DNSCode.RecordType, clientSerial: UInt32? = nil) throws -> DNSQuery {
        try DNSQuery(parsing: queryMessage(name: "malware-dns.rpz.vigil.", type: type, clientSerial: clientSerial))
    }

    @Test func axfrCarriesTheRecordsOfTheZoneFile() throws {
        let zone = Self.snapshot(BlocklistFixtures.entries, serial: 9)
        let records = try Self.records(.answer(try Self.query(.axfr), zone: zone, journal: [], overTCP: true))
        #expect(records.first?.type == Self.soa && records.last?.type == Self.soa)
        #expect(try soaSerial(records[0].rdata) == 9)
        #expect(records[1] == DecodedRecord(owner: "malware-dns.rpz.vigil.", type: 2, rdata: DNSName.wire("localhost.")!))
        let text = RPZZone(policy: BlocklistFixtures.policy, serial: 9).render(BlocklistFixtures.entries)
        let fileOwners = text.split(separator: "\n").filter { $0.contains(" CNAME ") }.map { "\($0.split(separator: " ")[0]).malware-dns.rpz.vigil." }
        let cnames = records.filter { $0.type == Self.cname }
        #expect(Set(cnames.map(\.owner)) == Set(fileOwners))
        #expect(cnames.count == fileOwners.count)
        #expect(cnames.allSatisfy { $0.rdata == DNSName.wire("walled-garden.example.net.") })
    }

    @Test func longTransfersAreSplitIntoMessagesBelowTheLimit() throws {
        let entries = (0..<500).map { BlocklistFixtures.entry(.domain, "host-\($0).example.net", "id-\($0)") }
        let zone = Self.snapshot(entries, serial: 1)
        let query = try Self.query(.axfr)
        let messages = Array(ZoneTransferMessages.full(answering: query, from: zone, limit: 1000))
        #expect(messages.count > 10)
        #expect(messages.allSatisfy { $0.count < 1100 })
        let split = try messages.flatMap { try decodeAnswers($0).answers }
        #expect(split == (try Self.records(.full(answering: query, from: zone))))
        #expect(split.count == 503, "SOA, NS, 500 triggers, SOA")
        #expect(try messages.allSatisfy { try decodeAnswers($0).header.id == query.id })
    }

    @Test func ixfrSendsTheChangesSinceTheClientsSerial() throws {
        let older = Self.snapshot(BlocklistFixtures.entries, serial: 10)
        var changed = Array(BlocklistFixtures.entries.dropFirst())
        changed.append(BlocklistFixtures.entry(.domain, "new-host.example.net", "new"))
        let middle = Self.snapshot(changed, serial: 11)
        let newest = Self.snapshot(changed.dropLast(), serial: 12)
        let journal = [middle.delta(from: older), newest.delta(from: middle)]

        let records = try Self.records(.answer(try Self.query(.ixfr, clientSerial: 10), zone: newest, journal: journal, overTCP: true))
        let shape = try records.map { $0.type == Self.soa ? "SOA \(try soaSerial($0.rdata))" : $0.owner }
        #expect(shape == [
            "SOA 12",
            "SOA 10", "bad-host.example.net.malware-dns.rpz.vigil.", "SOA 11", "new-host.example.net.malware-dns.rpz.vigil.",
            "SOA 11", "new-host.example.net.malware-dns.rpz.vigil.", "SOA 12",
            "SOA 12",
        ])
        let fromMiddle = try Self.records(.answer(try Self.query(.ixfr, clientSerial: 11), zone: newest, journal: journal, overTCP: true))
        #expect(fromMiddle.count == 5)
    }

    @Test func ixfrFallsBackToTheSOAOrTheWholeZone() throws {
        let zone = Self.snapshot(BlocklistFixtures.entries, serial: 20)
        let current = try Self.records(.answer(try Self.query(.ixfr, clientSerial: 20), zone: zone, journal: [], overTCP: true))
        #expect(current.count == 1, "an up-to-date client gets the SOA alone")
        #expect(try soaSerial(current[0].rdata) == 20)
        let overUDP = try Self.records(.answer(try Self.query(.ixfr, clientSerial: 3), zone: zone, journal: [], overTCP: false))
        #expect(overUDP.count == 1, "over UDP the SOA tells the client to ask over TCP")
        let unknown = try Self.records(.answer(try Self.query(.ixfr, clientSerial: 3), zone: zone, journal: [], overTCP: true))
        #expect(unknown == (try Self.records(.full(answering: try Self.query(.ixfr), from: zone))), "no journal that far back: the whole zone")
        #expect(ZoneTransferMessages.isCurrent(5, against: UInt32.max), "serial arithmetic wraps (RFC 1982)")
    }

    @Test func changingTheActionReplacesEveryRecord() throws {
        let garden = Self.snapshot(BlocklistFixtures.entries, serial: 1)
        let blocked = Self.snapshot(BlocklistFixtures.entries, serial: 2, policy: BlocklistPolicy(name: "malware-dns", action: .nxdomain))
        let delta = blocked.delta(from: garden)
        #expect(delta.removed == garden.owners && delta.added == blocked.owners)
        #expect(delta.removedTarget == DNSName.wire("walled-garden.example.net."))
    }

    @Test func refusesWhatItDoesNotServe() throws {
        let zone = Self.snapshot(BlocklistFixtures.entries, serial: 1)
        func code(_ messages: ZoneTransferMessages) throws -> UInt8 {
            var messages = messages
            let first = messages.next()
            return try DNSQuery(parsing: try #require(first)).responseCode
        }
        #expect(try code(.answer(try Self.query(.axfr), zone: nil, journal: [], overTCP: true)) == DNSCode.ResponseCode.refused.rawValue)
        #expect(try code(.answer(try Self.query(.axfr), zone: zone, journal: [], overTCP: false)) == DNSCode.ResponseCode.formatError.rawValue)
        #expect(try code(.answer(try Self.query(.ixfr), zone: zone, journal: [], overTCP: true)) == DNSCode.ResponseCode.formatError.rawValue,
                "an IXFR without the client's SOA")
        var notify = try Self.query(.soa)
        notify.opcode = DNSCode.Opcode.notify.rawValue
        #expect(try code(.answer(notify, zone: zone, journal: [], overTCP: false)) == DNSCode.ResponseCode.notImplemented.rawValue)
    }

    @Test func notifyNamesTheZoneAndItsSerial() throws {
        let zone = Self.snapshot(BlocklistFixtures.entries, serial: 77)
        let (header, answers) = try decodeAnswers(zone.notifyMessage(id: 5))
        #expect(header.opcode == DNSCode.Opcode.notify.rawValue && !header.isResponse && header.id == 5)
        #expect(header.name == "malware-dns.rpz.vigil." && header.type == Self.soa)
        #expect(try soaSerial(try #require(answers.first).rdata) == 77)
    }

    @Test func progressEndsExactlyAtTheLastRecord() throws {
        let older = Self.snapshot(BlocklistFixtures.entries, serial: 1)
        let newer = Self.snapshot(Array(BlocklistFixtures.entries.dropLast(3)), serial: 2)
        let answers: [(ZoneTransferMessages, Bool)] = [
            (.full(answering: try Self.query(.axfr), from: newer), false),
            (.incremental(answering: try Self.query(.ixfr, clientSerial: 1), from: newer, deltas: [newer.delta(from: older)]), true),
            (.soaOnly(answering: try Self.query(.ixfr, clientSerial: 2), from: newer), false),
        ]
        for (messages, incremental) in answers {
            let records = try Self.records(messages)
            var progress = ZoneTransferProgress()
            for (index, record) in records.enumerated() {
                #expect(!progress.isComplete, "complete before record \(index) of \(records.count)")
                progress.add(record)
            }
            progress.endOfMessage()
            #expect(progress.isComplete && progress.isIncremental == incremental && progress.recordCount == records.count)
        }
    }

    @Test func packedNamesSortDeduplicateAndCompare() {
        var names = PackedNames()
        for name in ["b", "a", "c", "a", "ab"] { names.append(Array(name.utf8)) }
        let sorted = names.sortedUnique()
        #expect((0..<sorted.count).map { String(decoding: sorted[$0], as: UTF8.self) } == ["a", "ab", "b", "c"])
        var other = PackedNames()
        for name in ["ab", "c", "d"] { other.append(Array(name.utf8)) }
        let (removed, added) = sorted.difference(to: other)
        #expect((0..<removed.count).map { String(decoding: removed[$0], as: UTF8.self) } == ["a", "b"])
        #expect((0..<added.count).map { String(decoding: added[$0], as: UTF8.self) } == ["d"])
    }
}
