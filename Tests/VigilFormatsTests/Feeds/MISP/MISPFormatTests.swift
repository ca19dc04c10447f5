import Testing
import VigilCore
import VigilFormats

@Suite("misp format")
struct MISPFormatTests {
    typealias Fixture = GenericFeedFixture

    static func run(_ bytes: [UInt8]) throws -> (MISPFormat, [FeedRecord]) {
        var format = try MISPFormat(options: [:])
        var reader = LineReader(bytes: bytes)
        let records = try format.records(from: &reader)
        return (format, records)
    }

    static func uuid(_ number: Int) -> String { "7b0c3e2a-1d4f-4a6b-8c9d-" + String(repeating: "0", count: 12 - String(number, radix: 16).count) + String(number, radix: 16) }

    @Test func sampleEventMapsAttributesObjectsTagsAndTimes() throws {
        let (format, records) = try Self.run(try Fixture.bytes("MISP", "misp-event.json"))
        #expect(Fixture.values(records) == [
            "ipv4:198.51.100.23", "ipv4:203.0.113.7", "domain:login-bank.example", "domain:mail.phish.example",
            "domain:secure-pay.example", "ipv4:192.0.2.77", "url:https://login-bank.example/signin?acct=1",
            "email:noreply@phish.example", "md5:7280da92c1347ae67d71112999dcf25f", "sha1:74261276e7c2c1895b9faad9b4c2629e9274a7a6",
            "sha256:c3085d5b4840adee963c0ad9d0dc5da207aebeccdaded202b0099c777c24de62", "asn:AS64505", "asn:AS64506",
            "ipv6:2001:db8::25", "cidr4:203.0.113.0/24",
            "domain:cdn-update.example", "ipv4:198.51.100.64",
            "sha256:7579c560de2a61fadbba10887181431f7c8de3ac5a7cbe7a88ca983d83c38b07",
        ])
        let items = Fixture.items(records)
        let info = "Phishing campaign against Example Bank customers"
        let eventTags = ["rsit:fraud=\"phishing\"", "banking"]
        #expect(items[0] == FeedItem(
            value: try IndicatorValue(parsing: "198.51.100.23", as: .ipv4), threatType: .phishing, tags: eventTags, tlp: .amber,
            itemID: Self.uuid(1), firstSeen: Fixture.millis("2024-04-30T22:14:28.711Z"),
            lastSeen: Fixture.millis("2024-05-01T08:00:00Z"), description: info, location: FeedLocation(objectID: Self.uuid(1))))
        // The attribute's own tags win for TLP and threat type; its other tags add to the event's.
        #expect(items[1].tlp == .red && items[1].threatType == .scanner && items[1].tags == eventTags + ["scanner"])
        #expect(items[1].lastSeen == 1_714_557_600_000 && items[1].firstSeen == nil)
        // domain|ip: two items with the attribute's uuid.
        #expect(items[4].itemID == Self.uuid(5) && items[5].itemID == Self.uuid(5))
        #expect(items[6].description == info + ": landing page")
        #expect(items[12].threatType == .c2 && items[12].tags.last == "rsit:malicious-code=\"c2-server\"")
        #expect(items[14].tlp == .clear)
        #expect(items[15].itemID == Self.uuid(31) && items[17].itemID == Self.uuid(35))
        #expect(items.allSatisfy { $0.confidence == nil && $0.validUntil == nil })

        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(objectID: Self.uuid(18)), field: "value",
                          reason: "invalid ipv4 \"192.0.2.300\": octet 4 is greater than 255"),
            FeedRejection(location: FeedLocation(objectID: Self.uuid(19)), field: "value", reason: "expected a string, found a number"),
            FeedRejection(location: FeedLocation(objectID: Self.uuid(20)), field: "to_ids", reason: "expected a boolean, found a string"),
            FeedRejection(location: FeedLocation(objectID: Self.uuid(21)), field: "first_seen",
                          reason: "\"soon\" is not a date, an ISO 8601 time or epoch seconds"),
            FeedRejection(location: FeedLocation(objectID: Self.uuid(23)), field: "type",
                          reason: "expected the attribute type, found nothing"),
        ])
        var skipped = MISPSkippedAttributes()
        skipped.notForIDS = 1
        skipped.deleted = 1
        skipped.unsupportedTypes = ["link": 1, "comment": 1, "text": 1, "filename": 1]
        #expect(format.skippedAttributes == skipped)
        #expect(skipped.total == 6)
        // Every attribute is accounted for: 23 + 5 in objects = 28 = 17 with items (18 items) + 5 rejected + 6 skipped.
        #expect(Set(items.compactMap(\.itemID)).count + Fixture.rejections(records).count + skipped.total == 28)
    }

    @Test func responseListReadsEveryEventAndRejectsTheRest() throws {
        let (_, records) = try Self.run(try Fixture.bytes("MISP", "misp-response.json"))
        #expect(Fixture.values(records) == ["ipv4:192.0.2.200", "email:bulk@spam.example"])
        let items = Fixture.items(records)
        #expect(items[0].tlp == .green && items[0].threatType == .scanner && items[0].description == "SSH scanners")
        #expect(items[0].lastSeen == 1_714_640_400_000)
        #expect(items[1].threatType == nil && items[1].tags == ["kill-chain:delivery"] && items[1].tlp == nil)
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(objectID: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"), field: "Attribute",
                          reason: "expected an array, found a string"),
            FeedRejection(location: FeedLocation(objectID: "response[2]"), field: "Event", reason: "expected an event object, found a string"),
        ])
    }

    @Test func bareEventsArraysAndCompositeValues() throws {
        let text = #"""
        [{"Event":{"uuid":"e1","info":"x","Attribute":[
          {"type":"ip-dst|port","value":"198.51.100.9","to_ids":true,"uuid":"a1"},
          {"type":"hostname|port","value":"mx.example|25","to_ids":"1","uuid":"a2"},
          {"type":"domain|ip","value":"ok.example|192.0.2.999","to_ids":true,"uuid":"a3"},
          {"type":"ip-src","value":"2001:db8::/32","to_ids":true,"timestamp":1714557600,"uuid":"a4"},
          {"type":"url","value":"https://n.example/","to_ids":null},
          "oops"
        ]}},
         {"info":"bare"}]
        """#
        let (format, records) = try Self.run(Array(text.utf8))
        #expect(Fixture.values(records) == ["domain:mx.example", "domain:ok.example", "cidr6:2001:db8::/32"])
        #expect(Fixture.items(records)[2].lastSeen == 1_714_557_600_000)
        #expect(Fixture.rejections(records).map(\.description) == [
            "object a1, field value: expected two parts separated by '|'",
            "object a3, field value: invalid ipv4 \"192.0.2.999\": octet 4 is greater than 255",
            "object e1/Attribute[5]: expected an object, found a string",
            "object [1], field Event: expected an event object, found nothing",
        ])
        #expect(format.skippedAttributes.notForIDS == 1)
    }

    @Test(arguments: [
        ("{\"Event\":[]}", "document, field Event: expected an event object, found an array"),
        ("{\"response\":{}}", "document, field response: expected an array, found an object"),
        ("{\"type\":\"bundle\"}", "document: not MISP: expected {\"Event\": …}, {\"response\": […]} or an event object"),
    ])
    func wrongDocumentsAreOneRejection(text: String, description: String) throws {
        let (_, records) = try Self.run(Array(text.utf8))
        #expect(records.map { if case .rejection(let r) = $0 { r.description } else { "item" } } == [description])
    }

    @Test func invalidAndDeeplyNestedJSONIsOneRejection() throws {
        for text in ["{\"Event\":", String(repeating: "[", count: 10_000)] {
            let (_, records) = try Self.run(Array(text.utf8))
            #expect(records.count == 1)
            #expect(Fixture.rejections(records).first?.reason.hasPrefix("invalid JSON: ") == true)
        }
    }
}
