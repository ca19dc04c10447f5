import Testing
import VigilCore
import VigilFormats

@Suite("jsonl format")
struct JSONLinesFormatTests {
    typealias Fixture = GenericFeedFixture

    static let sampleOptions: FeedOptions = [
        "value_field": "ioc.value", "type_field": "ioc.type", "threat_type_field": "threat", "tags_field": "tags",
        "confidence_field": "confidence", "first_seen_field": "first_seen", "last_seen_field": "last_seen",
        "id_field": "id", "tlp_field": "tlp", "description_field": "comment",
    ]

    @Test func sampleMapsEveryField() throws {
        let records = try Fixture.records(try JSONLinesFormat(options: Self.sampleOptions), sample: "Generic", "jsonl-field-map.jsonl")
        #expect(Fixture.values(records) == [
            "ipv4:192.0.2.20", "url:https://pay.example/inv.zip", "asn:AS64501", "asn:AS64502", "email:phisher@phish.example",
        ])
        let items = Fixture.items(records)
        #expect(items[0] == FeedItem(
            value: try IndicatorValue(parsing: "192.0.2.20", as: .ipv4), threatType: .c2, tags: ["botnet", "c2"], confidence: 75,
            tlp: .amberStrict, itemID: "j-1", firstSeen: Fixture.millis("2024-05-01T00:00:00Z"),
            lastSeen: 1_714_636_800_000, description: "C2 server", location: FeedLocation(line: 1)))
        #expect(items[1] == FeedItem(
            value: try IndicatorValue(parsing: "https://pay.example/inv.zip", as: .url), threatType: .malwareDistribution,
            tags: ["zip", "invoice"], confidence: 60, itemID: "42", location: FeedLocation(line: 2)))
        #expect(items[3].tlp == nil && items[3].location.line == 4)
        #expect(items[4].description == nil && items[4].confidence == 100 && items[4].location.line == 17)

        let rejections = Fixture.rejections(records)
        #expect(rejections.map(\.location.line) == [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16])
        #expect(rejections.map(\.field) == [
            "ioc.value", "ioc.value", "ioc.value", nil, nil, "ioc.type", "confidence", "tags", "first_seen", "tlp", "threat",
        ])
        #expect(rejections[0].reason == "invalid domain \"bad..example\": empty label")
        #expect(rejections[1].reason == "missing")
        #expect(rejections[2].reason == "expected a string, found an array")
        #expect(rejections[3].reason.hasPrefix("invalid JSON: "))
        #expect(rejections[4].reason == "expected a JSON object, found an array")
        #expect(rejections[5].reason == "\"ipv7\" is not an indicator type")
        #expect(rejections[6].reason == "expected a whole number from 0 to 100, found a boolean")
        #expect(rejections[7].reason == "expected strings in the tag array, found a number")
        #expect(rejections[8].reason == "\"last week\" is not a date, an ISO 8601 time or epoch seconds")
        #expect(rejections[9].reason.hasPrefix("invalid TLP label \"orange\""))
        #expect(rejections[10].reason.hasPrefix("invalid threat type \"ddos\""))
    }

    @Test func fixedTypeLiteralDottedKeysAndDeepNesting() throws {
        let format = try JSONLinesFormat(options: ["value_field": "a.b", "type": "domain-suffix", "confidence_field": "c"])
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let text = "{\"a.b\":\"*.cdn.example\"}\n{\"a\":{\"b\":\".ads.example\"},\"c\":7.0}\n{\"a\":\(deep)}\n{\"a\":{\"b\":\"x.example\"},\"c\":250}\n"
        let records = try Fixture.records(format, text: text)
        #expect(Fixture.values(records) == ["domain-suffix:cdn.example", "domain-suffix:ads.example"])
        #expect(Fixture.items(records)[1].confidence == 7)
        let rejections = Fixture.rejections(records)
        #expect(rejections.map(\.location.line) == [3, 4])
        #expect(rejections[0].reason.hasPrefix("invalid JSON: "))
        #expect(rejections[1] == FeedRejection(location: FeedLocation(line: 4), field: "c", reason: "confidence 250 is not from 0 to 100"))
    }

    @Test(arguments: [
        (["type_field": "t"] as FeedOptions, "value_field"),
        (["value_field": "v", "type": "ipv4", "type_field": "t"], "type_field"),
        (["value_field": "a..b"], "value_field"),
        (["value_field": "v", "tag_field": "t"], "tag_field"),
        (["value_field": "v", "type": "fqdn"], "type"),
    ])
    func badOptionsNameTheOption(options: FeedOptions, option: String) {
        do {
            _ = try JSONLinesFormat(options: options)
            Issue.record("accepted \(options)")
        } catch {
            #expect(error.option == option)
        }
    }
}
