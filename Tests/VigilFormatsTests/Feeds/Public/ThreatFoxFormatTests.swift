import Testing
import VigilCore
import VigilFormats

@Suite("ThreatFox JSON format")
struct ThreatFoxFormatTests {
    typealias S = PublicFeedSamples

    static func item(
        _ id: String, line: Int, _ value: IndicatorValue, _ threat: ThreatType, tags: [String], confidence: Int,
        first: String, last: String? = nil, description: String
    ) -> FeedItem {
        FeedItem(
            value: value, threatType: threat, tags: tags, confidence: confidence, itemID: id,
            firstSeen: S.ms(first), lastSeen: last.map(S.ms), description: description,
            location: FeedLocation(line: line, objectID: id))
    }

    /// The items of the sample, at the lines of the pretty-printed file.
    static func sampleItems(lines: [Int]) -> [FeedItem] {
        [
            item("1000001", line: lines[0], S.value("192.0.2.15", .ipv4), .c2, tags: ["c2", "cobaltstrike"], confidence: 100,
                 first: "2026-03-01 12:00:05", description: "Cobalt Strike (win.cobalt_strike); botnet_cc; port 443"),
            item("1000002", line: lines[1], S.value("2001:db8::15", .ipv6), .c2, tags: [], confidence: 75,
                 first: "2026-03-01 13:10:00", last: "2026-03-02 08:00:00",
                 description: "Sliver (elf.sliver); botnet_cc; port 8443; reference https://www.example.com/sliver-report"),
            item("1000003", line: lines[2], S.value("login-update.example", .domain), .malwareDistribution,
                 tags: ["agenttesla", "exe"], confidence: 50, first: "2026-03-01 14:00:00",
                 description: "Agent Tesla (win.agent_tesla); payload_delivery"),
            item("1000004", line: lines[3], S.value("http://198.51.100.44/files/invoice.js", .url), .malwareDistribution,
                 tags: ["js"], confidence: 50, first: "2026-03-01 15:30:00",
                 description: "Unknown malware (js.unknown); payload_delivery"),
            item("1000005", line: lines[4], S.value("0123456789abcdef0123456789abcdef", .md5), .malwareDistribution,
                 tags: ["exe"], confidence: 100, first: "2026-03-01 16:00:00", description: "Agent Tesla (win.agent_tesla); payload"),
        ]
    }

    @Test func readsTheSampleExportWithItsBadObjectsRejected() throws {
        let records = try S.records(ThreatFoxFormat(), S.text("threatfox-json.json"))
        #expect(records.count == 9)
        #expect(S.items(records) == Self.sampleItems(lines: [2, 19, 36, 53, 70]) + [
            Self.item("1000009", line: 126, S.value("c2.example.test", .domain), .c2, tags: ["rat", "remcos"], confidence: 90,
                      first: "2026-03-02 07:45:00", last: "2026-03-02 09:00:00", description: "Remcos (win.remcos); botnet_cc"),
        ])
        #expect(S.items(records)[0].firstSeen == 1_772_366_405_000)  // 2026-03-01T12:00:05Z
        #expect(S.items(records)[4].value.canonical == "0123456789abcdef0123456789abcdef")

        let rejected = S.rejections(records)
        #expect(rejected.map(\.location) == [
            FeedLocation(line: 87, objectID: "1000006"), FeedLocation(line: 104, objectID: "1000007"),
            FeedLocation(line: 121, objectID: "1000008"),
        ])
        #expect(rejected.map(\.field) == ["ioc_value", "ioc_type", nil])
        #expect(rejected[1].reason == "unsupported ioc_type \"sha3_384_hash\"")
        #expect(rejected[2].reason == "line 125 ends inside a string: truncated line")
    }

    @Test func readsTheSingleLineFormToo() throws {
        let pretty = try S.text("threatfox-json.json")
        let cut = pretty.range(of: ",\n    \"1000006\"")!.lowerBound
        let compact = String(pretty[..<cut]).split(separator: "\n").map { $0.drop { $0 == " " } }.joined() + "}"
        let records = try S.records(ThreatFoxFormat(), compact)
        #expect(records == Self.sampleItems(lines: [1, 1, 1, 1, 1]).map(FeedRecord.item))
    }

    @Test func reportsATruncatedDocumentAndKeepsWhatCameBefore() throws {
        let pretty = try S.text("threatfox-json.json")
        let insideThird = pretty.range(of: "\"malware\": \"win.agent_tesla\"")!.lowerBound
        let records = try S.records(ThreatFoxFormat(), String(pretty[..<insideThird]))
        #expect(S.items(records) == Array(Self.sampleItems(lines: [2, 19, 36, 53, 70]).prefix(2)))
        #expect(S.rejections(records) == [FeedRejection(
            location: FeedLocation(line: 36, objectID: "1000003"), reason: "document ends inside this member: truncated")])

        let afterSecond = pretty.range(of: ",\n    \"1000003\"")!.lowerBound
        let cut = try S.records(ThreatFoxFormat(), String(pretty[..<afterSecond]))
        #expect(S.items(cut).count == 2)
        #expect(S.rejections(cut) == [FeedRejection(
            location: FeedLocation(line: 35), reason: "document ends before its closing '}': truncated")])
    }

    @Test func acceptsAPIStyleTagsAndTimesAndRejectsOtherDocuments() throws {
        let text = """
            {"42": [{"ioc_value": "203.0.113.5:80", "ioc_type": "ip:port", "threat_type": "cc_skimming",
              "malware_printable": "Magecart", "first_seen_utc": "2026-03-01 12:00:05 UTC", "confidence_level": "50",
              "tags": ["Skimmer", "skimmer"]}],
             "43": [{"ioc_value": "203.0.113.6", "ioc_type": "ip:port"}],
             "44": [{"ioc_value": "203.0.113.7:80", "ioc_type": "ip:port", "confidence_level": 101}]}
            """
        let records = try S.records(ThreatFoxFormat(), text)
        let items = S.items(records)
        #expect(items.map(\.value) == [S.value("203.0.113.5", .ipv4)])
        #expect(items.first?.threatType == .other)
        #expect(items.first?.tags == ["skimmer"])
        #expect(items.first?.confidence == 50)
        #expect(items.first?.firstSeen == 1_772_366_405_000)
        #expect(S.rejections(records).map(\.field) == ["ioc_value", "confidence_level"])
        #expect(S.rejections(records).map(\.location.objectID) == ["43", "44"])

        let array = try S.records(ThreatFoxFormat(), "[1, 2]")
        #expect(array == [.rejection(FeedRejection(
            location: FeedLocation(line: 1), reason: "expected '{' to open the document, found '['"))])
        let trailing = try S.records(ThreatFoxFormat(), "{}\n}")
        #expect(S.rejections(trailing).map(\.location) == [FeedLocation(line: 2)])
        let deep = "{\"1\": " + String(repeating: "[", count: 60_000) + "\n" + String(repeating: "]", count: 60_000)
            + ",\n \"2\": [{\"ioc_value\": \"192.0.2.2:80\", \"ioc_type\": \"ip:port\"}]}"
        let nested = try S.records(ThreatFoxFormat(), deep)
        #expect(S.rejections(nested) == [FeedRejection(
            location: FeedLocation(line: 1, objectID: "1"), reason: "value is not valid JSON")])
        #expect(S.items(nested).map(\.value) == [S.value("192.0.2.2", .ipv4)])
    }

    @Test func survivesHostileInput() throws {
        #expect(ThreatFoxFormat.name == "threatfox-json")
        try S.checkHostileInput(
            { try ThreatFoxFormat(options: [:]) }, comments: "\n   \n\t\n",
            valid: #"{"1": [{"ioc_value": "192.0.2.1:443", "ioc_type": "ip:port", "threat_type": "botnet_cc"}]}"#)
    }
}
