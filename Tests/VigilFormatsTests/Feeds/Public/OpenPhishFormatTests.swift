import Foundation
import Testing
import VigilCore
import VigilFormats

@Suite("OpenPhish format")
struct OpenPhishFormatTests {
    static func run(_ bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        var format = try OpenPhishFormat(options: [:])
        var reader = LineReader(bytes: bytes, maxLineBytes: maxLineBytes)
        return try format.records(from: &reader)
    }

    static func item(_ url: String, line: Int) -> FeedRecord {
        .item(FeedItem(value: IndicatorValue(try! URLValue(parsing: url)), threatType: .phishing, location: FeedLocation(line: line)))
    }

    @Test func sampleLoadsEveryURLAndRejectsTheBadLines() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/openphish.txt")
        let records = try Self.run(Array(try Data(contentsOf: url)))
        #expect(records.count == 7)
        #expect(records[0] == Self.item("https://login.bank.example/signin/", line: 1))
        #expect(records[1] == Self.item("http://secure-update.example.com/account/verify.php?id=42", line: 2))
        #expect(records[2] == Self.item("https://203.0.113.15/paypal/", line: 3))
        #expect(records[4] == Self.item("https://wallet.test/auth", line: 5))
        #expect(records[6] == Self.item("http://mixed-case.example.net/Path/Index.html", line: 7))
        guard case .item(let mixed) = records[6] else { return }
        #expect(mixed.value.canonical == "http://mixed-case.example.net/Path/Index.html")
        #expect(mixed.value.type == .url)
        for (index, line) in [(3, 4), (5, 6)] {
            guard case .rejection(let rejection) = records[index] else { Issue.record("line \(line) accepted"); continue }
            #expect(rejection.location == FeedLocation(line: line))
            #expect(rejection.field == "value")
            #expect(rejection.reason.contains("url"))
        }
        #expect(OpenPhishFormat.name == "openphish")
    }

    @Test func hostileInput() throws {
        #expect(try Self.run([]).isEmpty)
        #expect(try Self.run(Array("# a\n#b\n".utf8)).isEmpty)
        let bytes = Array("https://a.example/\n".utf8) + Array("https://b.example/".utf8) + Array(repeating: 0x61, count: 1000)
            + Array("\r\nhttps://c.example/x\r\n".utf8)
        let records = try Self.run(bytes, maxLineBytes: 256)
        #expect(records.count == 3)
        #expect(records[0] == Self.item("https://a.example/", line: 1))
        guard case .rejection(let rejection) = records[1] else { Issue.record("long line accepted"); return }
        #expect(rejection.location == FeedLocation(line: 2))
        #expect(rejection.field == nil)
        #expect(records[2] == Self.item("https://c.example/x", line: 3))
    }
}
