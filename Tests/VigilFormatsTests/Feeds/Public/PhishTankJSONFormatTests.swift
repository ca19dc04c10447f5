import Foundation
import Testing
import VigilCore
import VigilFormats

@Suite("PhishTank JSON format")
struct PhishTankJSONFormatTests {
    static func run(_ text: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        try run(Array(text.utf8), maxLineBytes: maxLineBytes)
    }

    static func run(_ bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        var format = try PhishTankJSONFormat(options: [:])
        var reader = LineReader(bytes: bytes, maxLineBytes: maxLineBytes)
        return try format.records(from: &reader)
    }

    static func sample() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/phishtank-json.json")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func item(_ url: String, id: String, line: Int, firstSeen: Int64?, tag: String) throws -> FeedRecord {
        .item(FeedItem(
            value: try IndicatorValue(parsing: url, as: .url), threatType: .phishing, tags: [tag], itemID: id,
            firstSeen: firstSeen, location: FeedLocation(line: line, objectID: id)))
    }

    static func rejection(_ record: FeedRecord) -> FeedRejection? {
        if case .rejection(let rejection) = record { rejection } else { nil }
    }

    /// The verified objects of the sample, by line.
    static func sampleItems(line: (Int) -> Int) throws -> [Int: FeedRecord] {
        [
            2: try item("http://login.bank.example/signin.php", id: "9000001", line: line(2), firstSeen: 1_709_288_100_000,
                        tag: "1st national example bank"),
            3: try item("https://203.0.113.15/secure/update/", id: "9000002", line: line(3), firstSeen: 1_709_290_830_000, tag: "other"),
            7: try item("https://wallet.test/auth?session=1", id: "9000006", line: line(7), firstSeen: 1_709_366_400_000,
                        tag: "example wallet"),
            9: try item("http://mail.example.com/webmail/Login.php", id: "9000008", line: line(9), firstSeen: 1_709_373_600_000,
                        tag: "example mail"),
        ]
    }

    @Test func sampleLoadsVerifiedPhishesAndRejectsEachBadObject() throws {
        let records = try Self.run(Self.sample())
        let items = try Self.sampleItems { $0 }
        #expect(records.count == 8)
        #expect(records[0] == items[2])
        #expect(records[1] == items[3])
        #expect(records[5] == items[7])
        #expect(records[7] == items[9])
        let expected: [(Int, Int, String, String?)] = [
            (2, 4, "9000003", "verified"), (3, 5, "9000004", "url"), (4, 6, "9000005", nil), (6, 8, "9000007", "submission_time"),
        ]
        for (index, line, id, field) in expected {
            let rejection = Self.rejection(records[index])
            #expect(rejection?.location == FeedLocation(line: line, objectID: id))
            #expect(rejection?.field == field)
        }
        #expect(Self.rejection(records[2])?.reason.contains("not verified") == true)
        #expect(Self.rejection(records[4])?.reason.contains("truncated") == true)
        #expect(PhishTankJSONFormat.name == "phishtank-json")
    }

    @Test func singleLineDocumentAsPhishTankWritesIt() throws {
        let lines = try Self.sample().split(separator: "\n").filter { !$0.contains("9000005") }
        let records = try Self.run(lines.joined())
        let items = try Self.sampleItems { _ in 1 }
        #expect(records.count == 7)
        #expect(records[0] == items[2])
        #expect(records[1] == items[3])
        #expect(records[4] == items[7])
        #expect(records[6] == items[9])
        #expect(Self.rejection(records[2])?.location == FeedLocation(line: 1, objectID: "9000003"))
    }

    @Test func truncatedDownloadKeepsWhatCameBeforeTheCut() throws {
        let lines = try Self.sample().split(separator: "\n")
        let cut = "[" + lines[1] + lines[2] + #"{"phish_id":9000009,"url":"http:\/\/cu"#
        let records = try Self.run(cut)
        #expect(records.count == 3)
        #expect(records[0] == (try Self.sampleItems { _ in 1 })[2])
        let rejection = Self.rejection(records[2])
        #expect(rejection?.location == FeedLocation(line: 1, objectID: "9000009"))
        #expect(rejection?.reason.contains("truncated") == true)
        let unclosed = try Self.run("[" + lines[1].dropLast())
        #expect(unclosed.count == 2)
        #expect(Self.rejection(unclosed[1])?.reason.contains("closing ]") == true)
    }

    @Test func badObjectsAreNamedByField() throws {
        let text = """
            [
            {"url":"http:\\/\\/a.example\\/","verified":"yes"},
            {"phish_id":0,"url":"http:\\/\\/a.example\\/","verified":"yes"},
            {"phish_id":"0123","url":"http:\\/\\/a.example\\/","verified":"yes"},
            {"phish_id":11,"url":"http:\\/\\/a.example\\/"},
            {"phish_id":12,"url":"http:\\/\\/a.example\\/","verified":1},
            {"phish_id":13,"url":null,"verified":"yes"},
            {"phish_id":14,"url":"http:\\/\\/a.example\\/","verified":false},
            42,
            {"phish_id":15,"url" "http:\\/\\/a.example\\/"},
            {"phish_id":16,"url":"http:\\/\\/b.example\\/","verified":"yes","target":"","submission_time":null}
            ]
            """
        let records = try Self.run(text)
        #expect(records.count == 10)
        let expected: [(Int, String?, String?)] = [
            (2, nil, "phish_id"), (3, nil, "phish_id"), (4, nil, "phish_id"), (5, "11", "verified"), (6, "12", "verified"),
            (7, "13", "url"), (8, "14", "verified"), (9, nil, nil), (10, "15", nil),
        ]
        for (index, (line, id, field)) in expected.enumerated() {
            let rejection = Self.rejection(records[index])
            #expect(rejection?.location == FeedLocation(line: line, objectID: id), "record \(index)")
            #expect(rejection?.field == field, "record \(index)")
        }
        #expect(Self.rejection(records[7])?.reason == "the array element is not a JSON object")
        #expect(Self.rejection(records[8])?.reason == "the array element is not valid JSON")
        #expect(records[9] == .item(FeedItem(
            value: try IndicatorValue(parsing: "http://b.example/", as: .url), threatType: .phishing, itemID: "16",
            location: FeedLocation(line: 11, objectID: "16"))))
    }

    @Test func hostileInput() throws {
        let empty = try Self.run("")
        #expect(empty.count == 1)
        #expect(Self.rejection(empty[0])?.reason == "the document is empty; expected a JSON array")
        let comments = try Self.run("# PhishTank\n# nothing\n")
        #expect(comments.count == 1)
        #expect(Self.rejection(comments[0])?.reason == "the document is not a JSON array")
        #expect(try Self.run("[]\n").isEmpty)
        let trailing = try Self.run("[]\n<html>rate limited</html>\n")
        #expect(Self.rejection(trailing[0])?.location == FeedLocation(line: 2))

        // An over-long line is rejected where it stands; the objects around it still load.
        let lines = try Self.sample().split(separator: "\n")
        let longLine = "{\"phish_id\":9000010,\"url\":\"http:\\/\\/long.example\\/" + String(repeating: "a", count: 2000) + "\"},"
        let text = ([lines[0], lines[1], Substring(longLine), lines[2]] + lines[3...]).joined(separator: "\n")
        let records = try Self.run(text, maxLineBytes: 1024)
        #expect(records.count == 9)
        #expect(Self.rejection(records[0])?.location == FeedLocation(line: 3))
        #expect(records[1] == (try Self.sampleItems { $0 })[2])
        #expect(records[2] == (try Self.sampleItems { $0 + 1 })[3])
    }

    @Test func brokenDocumentsCostBoundedWork() throws {
        // Every line cut: each object fails on its own line and the scan resumes at the next.
        let cut = "[\n" + String(repeating: "{\"phish_id\":7,\"url\":\"http:\\/\\/x\n", count: 5000) + "]\n"
        let cutRecords = try Self.run(cut)
        #expect(cutRecords.count == 5000)
        #expect(Self.rejection(cutRecords[4999])?.location == FeedLocation(line: 5001, objectID: "7"))
        // Every line opens an object that never closes: recovery gives up after a bounded effort.
        let open = "[\n" + String(repeating: "{\n", count: 50_000)
        let clock = ContinuousClock()
        var records: [FeedRecord] = []
        let elapsed = try clock.measure { records = try Self.run(open) }
        #expect(records.count < 20)
        #expect(records.allSatisfy { Self.rejection($0) != nil })
        #expect(elapsed < .seconds(5))
    }
}
