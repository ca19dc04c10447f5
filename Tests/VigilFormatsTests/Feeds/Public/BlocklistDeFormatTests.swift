import Foundation
import Testing
import VigilCore
import VigilFormats

@Suite("blocklist.de format")
struct BlocklistDeFormatTests {
    static func sample() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/blocklist-de.txt")
        return Array(try Data(contentsOf: url))
    }

    static func run(_ bytes: [UInt8], options: FeedOptions = [:], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        var format = try BlocklistDeFormat(options: options)
        var reader = LineReader(bytes: bytes, maxLineBytes: maxLineBytes)
        return try format.records(from: &reader)
    }

    static func item(_ type: IndicatorType, _ value: String, line: Int, threat: ThreatType = .scanner) throws -> FeedRecord {
        .item(FeedItem(value: try IndicatorValue(parsing: value, as: type), threatType: threat, location: FeedLocation(line: line)))
    }

    @Test func sampleLoadsEveryAddressAndRejectsTheBadLines() throws {
        let records = try Self.run(Self.sample())
        #expect(records.count == 8)
        #expect(records[0] == (try Self.item(.ipv4, "192.0.2.10", line: 1)))
        #expect(records[1] == (try Self.item(.ipv4, "198.51.100.23", line: 2)))
        #expect(records[2] == (try Self.item(.ipv6, "2001:db8::5", line: 3)))
        #expect(records[3] == (try Self.item(.ipv4, "203.0.113.77", line: 4)))
        #expect(records[5] == (try Self.item(.ipv6, "2001:db8::1a", line: 6)))
        #expect(records[7] == (try Self.item(.ipv4, "203.0.113.200", line: 8)))
        guard case .item(let upper) = records[5] else { Issue.record("line 6 rejected"); return }
        #expect(upper.value.canonical == "2001:db8::1a")
        for (index, line) in [(4, 5), (6, 7)] {
            guard case .rejection(let rejection) = records[index] else { Issue.record("line \(line) accepted"); continue }
            #expect(rejection.location == FeedLocation(line: line))
            #expect(rejection.field == "value")
        }
        guard case .rejection(let octet) = records[4] else { return }
        #expect(octet.reason.contains("192.0.2.300"))
    }

    @Test func threatTypeOptionOverridesTheDefaultAndIsValidated() throws {
        let records = try Self.run(Array("192.0.2.1\n".utf8), options: ["threat_type": "Spam"])
        #expect(records == [try Self.item(.ipv4, "192.0.2.1", line: 1, threat: .spam)])
        #expect(throws: FeedOptionsError.self) { try BlocklistDeFormat(options: ["threat_type": "evil"]) }
        do {
            _ = try BlocklistDeFormat(options: ["threat_type": "evil"])
        } catch {
            #expect(error.option == "threat_type")
        }
        #expect(try BlocklistDeFormat(options: [:]).threatType == .scanner)
        #expect(BlocklistDeFormat.name == "blocklist-de")
    }

    @Test func hostileInput() throws {
        #expect(try Self.run([]).isEmpty)
        #expect(try Self.run(Array("# only\n\n   # comments\r\n\n".utf8)).isEmpty)
        let long = Array("192.0.2.1\n".utf8) + Array(repeating: 0x31, count: 500) + Array("\n203.0.113.9\n".utf8)
        let records = try Self.run(long, maxLineBytes: 100)
        #expect(records.count == 3)
        #expect(records[0] == (try Self.item(.ipv4, "192.0.2.1", line: 1)))
        guard case .rejection(let rejection) = records[1] else { Issue.record("long line accepted"); return }
        #expect(rejection.location == FeedLocation(line: 2))
        #expect(rejection.reason.contains("500 bytes"))
        #expect(records[2] == (try Self.item(.ipv4, "203.0.113.9", line: 3)))
        let utf8 = try Self.run([0xFF, 0x0A] + Array(" 198.51.100.1 \n".utf8))
        #expect(utf8.count == 2)
        #expect(utf8[1] == (try Self.item(.ipv4, "198.51.100.1", line: 2)))
    }
}
