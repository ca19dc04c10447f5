import Foundation
import Testing
import VigilCore
import VigilFormats

@Suite("DShield block list format")
struct DShieldBlockFormatTests {
    static func run(_ text: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        try run(Array(text.utf8), maxLineBytes: maxLineBytes)
    }

    static func run(_ bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        var format = try DShieldBlockFormat(options: [:])
        var reader = LineReader(bytes: bytes, maxLineBytes: maxLineBytes)
        return try format.records(from: &reader)
    }

    static func item(_ cidr: String, line: Int, lastSeen: Int64?, _ description: String) throws -> FeedRecord {
        .item(FeedItem(
            value: try IndicatorValue(parsing: cidr, as: .cidr4), threatType: .scanner, lastSeen: lastSeen,
            description: description, location: FeedLocation(line: line)))
    }

    static func rejection(_ record: FeedRecord) -> FeedRejection? {
        if case .rejection(let rejection) = record { rejection } else { nil }
    }

    /// 2024-12-29T15:00:44.231595 UTC, the sample's `# updated:` time.
    static let updated: Int64 = 1_735_484_444_231

    @Test func sampleLoadsEveryNetworkAndRejectsTheInconsistentRows() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/dshield-block.txt")
        let records = try Self.run(Array(try Data(contentsOf: url)))
        #expect(records.count == 6)
        #expect(records[0] == (try Self.item("192.0.2.0/24", line: 35, lastSeen: Self.updated,
            "2595 targets scanned; network EXAMPLE-NET-A; country NL; contact abuse@example.net")))
        #expect(records[2] == (try Self.item("203.0.113.0/24", line: 37, lastSeen: Self.updated, "585 targets scanned")))
        #expect(records[5] == (try Self.item("198.51.100.0/24", line: 40, lastSeen: Self.updated,
            "120 targets scanned; network EXAMPLE-NET-E; country FR; contact abuse@example.org")))
        let end = Self.rejection(records[1])
        #expect(end?.location == FeedLocation(line: 36))
        #expect(end?.field == "End")
        #expect(end?.reason == "end 198.51.100.127 is not the last address 198.51.100.255 of 198.51.100.0/24")
        let notNetwork = Self.rejection(records[3])
        #expect(notNetwork?.location == FeedLocation(line: 38))
        #expect(notNetwork?.field == "Start")
        #expect(notNetwork?.reason == "start 198.51.100.77 is not the first address of 198.51.100.0/24")
        let badStart = Self.rejection(records[4])
        #expect(badStart?.location == FeedLocation(line: 39))
        #expect(badStart?.field == "Start")
        #expect(badStart?.reason.contains("203.0.113.300") == true)
        #expect(DShieldBlockFormat.name == "dshield-block")
    }

    @Test func olderListsWithCtimeDatesAndNoHeaderRow() throws {
        let text = "#    updated: Sat Apr  4 15:22:31 2015 UTC\n192.0.2.0\t192.0.2.255\t24\t788\tExample Inet\tJP\tadmin@example.net\n"
        #expect(try Self.run(text) == [try Self.item("192.0.2.0/24", line: 2, lastSeen: 1_428_160_951_000,
            "788 targets scanned; network Example Inet; country JP; contact admin@example.net")])
        let undated = try Self.run("#  updated: some day\n198.51.100.0\t198.51.100.255\t24\t5\n")
        #expect(undated == [try Self.item("198.51.100.0/24", line: 2, lastSeen: nil, "5 targets scanned")])
        let wide = try Self.run("192.0.2.0\t192.0.2.127\t25\t9\n")
        #expect(wide == [try Self.item("192.0.2.0/25", line: 1, lastSeen: nil, "9 targets scanned")])
    }

    @Test func badFieldsAreNamed() throws {
        let text = """
            192.0.2.0\t192.0.2.255
            192.0.2.0\t192.0.2.255\t33\t1
            192.0.2.0\t192.0.2.255\t24\tmany
            192.0.2.0\tnot-an-ip\t24\t1
            192.0.2.0\t192.0.2.255\t24\t1\ta\tb\tc\td
            203.0.113.0\t203.0.113.255\t24\t2
            """
        let records = try Self.run(text)
        #expect(records.count == 6)
        let expected: [(Int, String?)] = [(1, nil), (2, "Netblock"), (3, "Attacks"), (4, "End"), (5, nil)]
        for (index, (line, field)) in expected.enumerated() {
            let rejection = Self.rejection(records[index])
            #expect(rejection?.location == FeedLocation(line: line))
            #expect(rejection?.field == field)
        }
        #expect(records[5] == (try Self.item("203.0.113.0/24", line: 6, lastSeen: nil, "2 targets scanned")))
    }

    @Test func hostileInput() throws {
        #expect(try Self.run("").isEmpty)
        #expect(try Self.run("#\n#   DShield.org Recommended Block List\n\nStart\tEnd\tNetblock\tAttacks\tName\tCountry\temail\n# END\n").isEmpty)
        let long = "#" + String(repeating: " ", count: 400) + "\n192.0.2.0\t192.0.2.255\t24\t3\n"
        let records = try Self.run(long, maxLineBytes: 128)
        #expect(records.count == 2)
        #expect(Self.rejection(records[0])?.location == FeedLocation(line: 1))
        #expect(records[1] == (try Self.item("192.0.2.0/24", line: 2, lastSeen: nil, "3 targets scanned")))
    }
}
