import Foundation
import Testing
import VigilCore
import VigilFormats

@Suite("Emerging Threats compromised format")
struct EmergingThreatsCompromisedFormatTests {
    static func run(_ bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        var format = try EmergingThreatsCompromisedFormat(options: [:])
        var reader = LineReader(bytes: bytes, maxLineBytes: maxLineBytes)
        return try format.records(from: &reader)
    }

    static func item(_ value: String, line: Int) throws -> FeedRecord {
        .item(FeedItem(value: try IndicatorValue(parsing: value, as: .ipv4), threatType: .compromised, location: FeedLocation(line: line)))
    }

    @Test func sampleLoadsEveryAddressAndRejectsTheBadLines() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/et-compromised.txt")
        let records = try Self.run(Array(try Data(contentsOf: url)))
        #expect(records.count == 6)
        #expect(records[0] == (try Self.item("192.0.2.1", line: 1)))
        #expect(records[1] == (try Self.item("198.51.100.7", line: 2)))
        #expect(records[2] == (try Self.item("203.0.113.99", line: 3)))
        #expect(records[5] == (try Self.item("203.0.113.5", line: 6)))
        for (index, line) in [(3, 4), (4, 5)] {
            guard case .rejection(let rejection) = records[index] else { Issue.record("line \(line) accepted"); continue }
            #expect(rejection.location == FeedLocation(line: line))
            #expect(rejection.field == "value")
            #expect(rejection.reason.contains("ipv4"))
        }
        #expect(EmergingThreatsCompromisedFormat.name == "et-compromised")
    }

    @Test func hostileInput() throws {
        #expect(try Self.run([]).isEmpty)
        #expect(try Self.run(Array("#\n# nothing here\n\n".utf8)).isEmpty)
        let bytes = Array(repeating: 0x39, count: 300) + Array("\n192.0.2.44".utf8)
        let records = try Self.run(bytes, maxLineBytes: 64)
        #expect(records.count == 2)
        guard case .rejection(let rejection) = records[0] else { Issue.record("long line accepted"); return }
        #expect(rejection.location == FeedLocation(line: 1))
        #expect(records[1] == (try Self.item("192.0.2.44", line: 2)))
    }
}
