import Testing
import VigilCore
import VigilFormats

@Suite("csv format")
struct CSVFormatTests {
    typealias Fixture = GenericFeedFixture

    static let sampleOptions: FeedOptions = [
        "value_column": "indicator", "type_column": "kind", "threat_type_column": "category", "tags_column": "labels",
        "confidence_column": "score", "first_seen_column": "first_seen", "last_seen_column": "last_seen",
        "id_column": "ref", "description_column": "note", "tlp_column": "tlp",
    ]

    @Test func sampleMapsEveryColumn() throws {
        let records = try Fixture.records(try CSVFormat(options: Self.sampleOptions), sample: "Generic", "csv-column-map.csv")
        let items = Fixture.items(records)
        #expect(Fixture.values(records) == [
            "ipv4:192.0.2.10", "url:https://dl.example/a,b.exe", "domain:evil.example", "asn:AS64500",
        ])
        #expect(items[0] == FeedItem(
            value: try IndicatorValue(parsing: "192.0.2.10", as: .ipv4), threatType: .scanner, tags: ["ssh", "bruteforce"],
            confidence: 80, tlp: .green, itemID: "r-1", firstSeen: Fixture.millis("2024-05-01"),
            lastSeen: Fixture.millis("2024-05-02T10:00:00Z"), description: "SSH scanner, seen twice",
            location: FeedLocation(line: 4)))
        #expect(items[1].threatType == .malwareDistribution)
        #expect(items[1].tags == ["malware", "dropper"])
        #expect(items[1].tlp == .amber)
        #expect(items[1].firstSeen == Fixture.millis("2024-05-01T08:00:00Z"))
        #expect(items[1].lastSeen == nil && items[1].description == nil)
        #expect(items[2] == FeedItem(value: try IndicatorValue(parsing: "evil.example", as: .domain), threatType: .phishing,
                                     itemID: "r-3", location: FeedLocation(line: 6)))
        #expect(items[3].firstSeen == 1_714_550_400_000 && items[3].tlp == .clear && items[3].location.line == 13)
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(line: 7), field: "score",
                          reason: "confidence \"101\" is not a whole number from 0 to 100"),
            FeedRejection(location: FeedLocation(line: 8), field: "indicator",
                          reason: "invalid ipv4 \"198.51.100.300\": octet 4 is greater than 255"),
            FeedRejection(location: FeedLocation(line: 9), field: "category", reason: "invalid threat type \"botnet\": expected one of "
                + "malware-distribution, c2, phishing, scanner, spam, ddos-source, exploit, compromised, vulnerable, other"),
            FeedRejection(location: FeedLocation(line: 10), field: "first_seen",
                          reason: "\"yesterday\" is not a date, an ISO 8601 time or epoch seconds"),
            FeedRejection(location: FeedLocation(line: 11), reason: "field 1: quoted field has no closing quote"),
            FeedRejection(location: FeedLocation(line: 12), field: "kind", reason: "\"ip4\" is not an indicator type"),
            FeedRejection(location: FeedLocation(line: 15), field: "tlp",
                          reason: "invalid TLP label \"TLP:PURPLE\": expected CLEAR, GREEN, AMBER, AMBER+STRICT or RED"),
        ])
    }

    @Test func withoutHeaderColumnsAreNumbersAndTabsWork() throws {
        let format = try CSVFormat(options: ["header": "false", "delimiter": "tab", "value_column": "2", "id_column": "1", "type": "domain"])
        let records = try Fixture.records(format, text: "7\tads.example\n8\n9\t192.0.2.1\n")
        #expect(Fixture.values(records) == ["domain:ads.example"])
        #expect(Fixture.items(records).first?.itemID == "7")
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(line: 2), field: "column 2", reason: "line has 1 fields; the value column is field 2"),
            FeedRejection(location: FeedLocation(line: 3), field: "column 2",
                          reason: "invalid domain \"192.0.2.1\": last label is numeric"),
        ])
    }

    @Test func headerWithoutTheValueColumnRejectsTheHeaderAndEveryDataLine() throws {
        let format = try CSVFormat(options: ["value_column": "url", "tags_column": "tags"])
        let records = try Fixture.records(format, text: "# comment\nlink,tag\nhttps://a.example/,x\n\nhttps://b.example/,y\n")
        #expect(Fixture.items(records).isEmpty)
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(line: 2), field: "url",
                          reason: "header has no column \"url\" (value_column), \"tags\" (tags_column)"),
            FeedRejection(location: FeedLocation(line: 3), field: "url",
                          reason: "no value column: the header on line 2 has no column \"url\""),
            FeedRejection(location: FeedLocation(line: 5), field: "url",
                          reason: "no value column: the header on line 2 has no column \"url\""),
        ])
    }

    @Test func headerWithoutAnOptionalColumnIsRejectedOnceAndDataStillLoads() throws {
        let format = try CSVFormat(options: ["value_column": "URL", "confidence_column": "score"])
        let records = try Fixture.records(format, text: "\u{FEFF}Url,Comment\nhttps://a.example/x,ok\n")
        #expect(Fixture.values(records) == ["url:https://a.example/x"])
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(line: 1), field: "score", reason: "header has no column \"score\" (confidence_column)"),
        ])
    }

    @Test func unreadableHeaderRejectsEveryDataLine() throws {
        let format = try CSVFormat(options: ["value_column": "1"])
        let records = try Fixture.records(format, text: "\"value,type\n192.0.2.1\n")
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(line: 1), reason: "header: field 1: quoted field has no closing quote"),
            FeedRejection(location: FeedLocation(line: 2), field: "column 1", reason: "the header on line 1 could not be read"),
        ])
    }

    @Test func numberedColumnsWithAHeaderUseTheHeaderNameAndCustomComments() throws {
        let format = try CSVFormat(options: ["value_column": "2", "delimiter": ";", "comment_prefix": "//", "type": "ipv4"])
        let records = try Fixture.records(format, text: "// exported\nid;address\n1;192.0.2.7\n2;192.0.2.300\n#3;192.0.2.8\n")
        #expect(Fixture.values(records) == ["ipv4:192.0.2.7", "ipv4:192.0.2.8"])
        #expect(Fixture.items(records).map(\.location.line) == [3, 5])
        #expect(Fixture.rejections(records).map(\.field) == ["address"])
    }

    @Test(arguments: [
        (["type_column": "t"] as FeedOptions, "value_column"),
        (["value_column": "v", "type": "ipv4", "type_column": "t"], "type_column"),
        (["value_column": "v", "delimiter": "ab"], "delimiter"),
        (["value_column": "v", "header": "maybe"], "header"),
        (["value_column": "v", "header": "false"], "value_column"),
        (["value_column": "0"], "value_column"),
        (["value_column": "v", "tags": "t"], "tags"),
        (["value_column": "v", "type": "ipv5"], "type"),
    ])
    func badOptionsNameTheOption(options: FeedOptions, option: String) {
        do {
            _ = try CSVFormat(options: options)
            Issue.record("accepted \(options)")
        } catch {
            #expect(error.option == option)
        }
    }
}
