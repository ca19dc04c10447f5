import Testing
import VigilCore
import VigilFormats

@Suite("stix format")
struct STIXFormatTests {
    typealias Fixture = GenericFeedFixture

    /// Runs the format over `bytes` and returns it with its records (for the skipped counts).
    static func run(_ bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> (STIXFormat, [FeedRecord]) {
        var format = try STIXFormat(options: [:])
        var reader = LineReader(bytes: bytes, maxLineBytes: maxLineBytes)
        let records = try format.records(from: &reader)
        return (format, records)
    }

    static func run(_ text: String) throws -> (STIXFormat, [FeedRecord]) { try run(Array(text.utf8)) }

    static func location(_ id: String) -> FeedLocation { FeedLocation(objectID: id) }

    @Test func sampleBundleYieldsIndicatorsAndObservables() throws {
        let (format, records) = try Self.run(try Fixture.bytes("STIX", "stix-bundle.json"))
        #expect(Fixture.values(records) == [
            "ipv4:198.51.100.1", "cidr4:203.0.113.0/24",
            "domain:c2.example", "url:http://c2.example/gate.php",
            "sha256:c3085d5b4840adee963c0ad9d0dc5da207aebeccdaded202b0099c777c24de62", "md5:7280da92c1347ae67d71112999dcf25f",
            "asn:AS64510", "cidr6:2001:db8:abcd::/48", "email:phisher@phish.example", "email:billing@invoice.test",
            "domain:good.example",
            "ipv4:192.0.2.50", "ipv6:2001:db8::dead", "domain:phish.example", "url:http://dl.example/x.exe",
            "email:ceo@invoice.test", "sha1:4a76072600f43e847085aa9490d27a2657786b32",
            "sha256:7579c560de2a61fadbba10887181431f7c8de3ac5a7cbe7a88ca983d83c38b07", "asn:AS64511",
        ])
        let items = Fixture.items(records)
        let c2 = "indicator--16bc5708-33d3-405a-8f66-735d9fa317b2"
        #expect(items[0] == FeedItem(
            value: try IndicatorValue(parsing: "198.51.100.1", as: .ipv4), threatType: .c2, tags: ["c2", "emotet"],
            confidence: 85, tlp: .green, itemID: c2, firstSeen: Fixture.millis("2024-05-01T00:00:00Z"),
            validUntil: Fixture.millis("2024-08-01T00:00:00Z"), description: "Example botnet C2 servers",
            location: Self.location(c2)))
        #expect(items[1].itemID == c2 && items[1].tlp == .green && items[1].value.type == .cidr4)
        // AND inside a qualified observation: each value, TLP from the TLP 2.0 marking, compromised.
        #expect(items[2].threatType == .compromised && items[2].tlp == .amberStrict && items[3].tlp == .amberStrict)
        #expect(items[4].tlp == .red && items[4].threatType == .malwareDistribution && items[4].description == "Example dropper")
        #expect(items[6...9].allSatisfy { $0.threatType == .phishing && $0.tlp == nil })
        #expect(items[10].threatType == nil && items[10].itemID == "indicator--321bec3e-a3c0-482a-9cc4-14c96b8484b1")
        #expect(items[11] == FeedItem(
            value: try IndicatorValue(parsing: "192.0.2.50", as: .ipv4), tlp: .clear,
            itemID: "ipv4-addr--8e1d2df2-2e96-510a-8918-11d1383c0f19",
            location: Self.location("ipv4-addr--8e1d2df2-2e96-510a-8918-11d1383c0f19")))
        #expect(items[16].itemID == "file--f7fe19e4-7fcc-56fa-bd08-6ec4633e941e" && items[17].itemID == items[16].itemID)
        #expect(items[11...].allSatisfy { $0.threatType == nil && $0.firstSeen == nil && $0.tags.isEmpty })

        #expect(Fixture.rejections(records) == [
            FeedRejection(location: Self.location("indicator--f037a9a2-4a9b-490f-9da1-3122e6eed71e"), field: "pattern",
                          reason: "operator MATCHES on url:value is not supported (only = and IN)"),
            FeedRejection(location: Self.location("indicator--9102d1fa-3a5c-4d28-8487-5c210b11d8f9"), field: "pattern",
                          reason: "object path process:name is not supported"),
            FeedRejection(location: Self.location("indicator--321bec3e-a3c0-482a-9cc4-14c96b8484b1"), field: "pattern",
                          reason: "invalid ipv4 \"198.51.100.256\": octet 4 is greater than 255"),
            FeedRejection(location: Self.location("indicator--de3692a8-f7af-43d5-a5fc-fb6871b3f36e"), field: "pattern",
                          reason: "syntax error at character 30: expected ']', found the end of the pattern"),
            FeedRejection(location: Self.location("indicator--58ce6810-7d1c-4632-9799-c92cffe6c461"), field: "indicator_types",
                          reason: "a benign indicator is not a threat; not imported"),
            FeedRejection(location: Self.location("indicator--0cd5681c-2295-4bb2-bab8-ace3f5ead2b0"), field: "confidence",
                          reason: "expected a whole number from 0 to 100, found a string"),
            FeedRejection(location: Self.location("indicator--dbc25608-7f9d-4158-b43e-fc26e59924c3"), field: "revoked",
                          reason: "the indicator is revoked"),
            FeedRejection(location: Self.location("indicator--30f2c00b-8a6c-444c-b99f-8a524f917b41"), field: "labels",
                          reason: "expected a list of strings, found a string"),
            FeedRejection(location: Self.location("ipv4-addr--429d7585-1797-5580-a47f-576097a37901"), field: "value",
                          reason: "expected a string, found a number"),
            FeedRejection(location: Self.location("objects[30]"), reason: "expected an object, found a string"),
            FeedRejection(location: Self.location("indicator--afe1c1cb-8e77-4ef5-9925-49785a23909d"), field: "type",
                          reason: "expected the object type, found nothing"),
        ])
        #expect(format.skippedObjectTypes == [
            "identity": 1, "marking-definition": 2, "malware": 1, "relationship": 2, "report": 1, "x-example-widget": 1, "file": 1,
        ])
        #expect(format.skippedPatternTypes == ["sigma": 1])
        #expect(format.ignoredQualifiers == ["WITHIN": 1, "START": 1])
    }

    @Test func envelopeArrayAndSingleObjectShapes() throws {
        let indicator = #"{"type":"indicator","id":"indicator--1","pattern":"[domain-name:value = 'a.example']","pattern_type":"stix"}"#
        for text in ["{\"objects\":[\(indicator)],\"more\":false}", "[\(indicator)]", indicator] {
            let (_, records) = try Self.run(text)
            #expect(Fixture.values(records) == ["domain:a.example"])
        }
        #expect(try Self.run("{\"type\":\"bundle\",\"id\":\"bundle--1\"}").1.isEmpty)
        #expect(try Self.run("  \n\n").1.isEmpty)
    }

    @Test(arguments: [
        ("{\"type\":\"bundle\",\"objects\":{}}", "objects", "expected an array, found an object"),
        ("{\"spec_version\":\"2.1\"}", nil, "not STIX: expected a bundle, a TAXII envelope or an array of objects"),
        ("\"bundle\"", nil, nil),
        ("{\"objects\":[", nil, nil),
        (String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), nil, nil),
    ] as [(String, String?, String?)])
    func garbageDocumentsAreOneRejection(text: String, field: String?, reason: String?) throws {
        let (_, records) = try Self.run(text)
        let rejections = Fixture.rejections(records)
        #expect(records.count == 1 && rejections.count == 1)
        #expect(rejections.first?.location == FeedLocation())
        #expect(rejections.first?.field == field)
        if let reason { #expect(rejections.first?.reason == reason) } else {
            #expect(rejections.first?.reason.hasPrefix("invalid JSON: ") == true)
        }
    }

    @Test func deeplyNestedAndWronglyTypedPropertiesNeverCrash() throws {
        let deep = String(repeating: "{\"a\":", count: 400) + "1" + String(repeating: "}", count: 400)
        let text = """
        {"type":"bundle","objects":[
          {"type":"indicator","id":"indicator--n","pattern":\(deep)},
          {"type":"indicator","id":["x"],"pattern":"[url:value = 'https://x.example/']","object_marking_refs":"tlp"},
          {"type":"url","id":"url--1","value":"https://y.example/","object_marking_refs":[1,2]},
          {"type":["indicator"]},
          {"type":"file","id":"file--1","hashes":"MD5"},
          {"type":"autonomous-system","id":"autonomous-system--1","number":"AS1"},
          {"type":"indicator","id":"indicator--p","pattern":"[ipv4-addr:value = '192.0.2.1']","pattern_type":7},
          {"type":"indicator","id":"indicator--v","pattern":"[ipv4-addr:value = '192.0.2.2']","valid_from":"yesterday"}
        ]}
        """
        let (format, records) = try Self.run(text)
        #expect(Fixture.items(records).isEmpty)
        let rejections = Fixture.rejections(records)
        #expect(rejections.map(\.location.objectID) == [
            "indicator--n", "objects[1]", "url--1", "objects[3]", "autonomous-system--1", "indicator--p", "indicator--v",
        ])
        #expect(rejections.map(\.field) == ["pattern", "object_marking_refs", "object_marking_refs", "type", "number", "pattern_type", "valid_from"])
        #expect(rejections[0].reason == "expected a string, found an object")
        #expect(rejections[6].reason == "\"yesterday\" is not an RFC 3339 timestamp")
        #expect(format.skippedObjectTypes == ["file": 1])
    }

    @Test func documentTLPDefinitionsDefangedObservablesAndUnsupportedPatterns() throws {
        let text = #"""
        {"type":"bundle","objects":[
          {"type":"marking-definition","id":"marking-definition--c1","definition_type":"tlp","definition":{"tlp":"white"}},
          {"type":"marking-definition","id":"marking-definition--c2","name":"TLP:AMBER+STRICT"},
          {"type":"url","id":"url--d","value":"hxxps://dl[.]example/a","defanged":true,
           "object_marking_refs":["marking-definition--c1","marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
          {"type":"domain-name","id":"domain-name--d","value":"evil.example","object_marking_refs":["marking-definition--c2"]},
          {"type":"indicator","id":"indicator--not","pattern":"[ipv4-addr:value NOT = '192.0.2.9']"},
          {"type":"indicator","id":"indicator--sha512","pattern":"[file:hashes.'SHA-512' = 'abcd']"},
          {"type":"indicator","id":"indicator--subset","pattern":"[domain-name:value ISSUBSET 'example']"},
          {"type":"indicator","id":"indicator--number","pattern":"[ipv4-addr:value = 3232235777]"},
          {"type":"indicator","id":"indicator--in","pattern":"[ipv4-addr:value IN ('192.0.2.3', '192.0.2.3', '192.0.2.4')]"},
          {"type":"indicator","id":"indicator--sha1","pattern":"[file:hashes.SHA1 = '4A76072600F43E847085AA9490D27A2657786B32']"},
          {"type":"indicator","id":"indicator--typed","pattern":"[ipv4-addr:value = '192.0.2.5']","indicator_types":["unknown"],"confidence":120}
        ]}
        """#
        let (format, records) = try Self.run(text)
        #expect(Fixture.values(records) == [
            "url:https://dl.example/a", "domain:evil.example", "ipv4:192.0.2.3", "ipv4:192.0.2.4",
            "sha1:4a76072600f43e847085aa9490d27a2657786b32",
        ])
        #expect(Fixture.items(records).map(\.tlp) == [.red, .amberStrict, nil, nil, nil])
        #expect(Fixture.rejections(records).map(\.reason) == [
            "NOT on ipv4-addr:value cannot be expressed as indicators",
            "hash algorithm SHA-512 in file:hashes.'SHA-512' is not supported (only MD5, SHA-1, SHA-256)",
            "operator ISSUBSET on domain-name:value is not supported (only = and IN)",
            "ipv4-addr:value needs a string value, found 3232235777",
            "confidence 120 is not from 0 to 100",
        ])
        #expect(format.skippedObjectTypes == ["marking-definition": 2])
    }

    @Test func stix20IndicatorsTakeTheirTypesFromLabels() throws {
        let text = #"""
        {"type":"bundle","id":"bundle--2","spec_version":"2.0","objects":[
          {"type":"indicator","id":"indicator--20","labels":["malicious-activity"],"pattern":"[url:value = 'http://x.example/']",
           "valid_from":"2024-05-01T00:00:00.000Z","created":"2024-05-01T00:00:00.000Z","modified":"2024-05-01T00:00:00.000Z"}
        ]}
        """#
        let items = Fixture.items(try Self.run(text).1)
        #expect(items.map(\.threatType) == [.other])
        #expect(items.first?.tags == ["malicious-activity"] && items.first?.firstSeen == Fixture.millis("2024-05-01T00:00:00Z"))
    }

    @Test func anUnreadableLineRejectsTheDocumentOnce() throws {
        let text = "{\"type\":\"bundle\",\"objects\":[\n" + String(repeating: " ", count: 200) + "\n]}\n"
        let (_, records) = try Self.run(Array(text.utf8), maxLineBytes: 100)
        #expect(records == [.rejection(FeedRejection(
            location: FeedLocation(line: 2),
            reason: "line of 200 bytes exceeds the line length limit; the STIX document was not read"))])
    }

    @Test func takesNoOptions() {
        #expect(throws: FeedOptionsError(option: "value_field", message: "format stix takes no options")) {
            try STIXFormat(options: ["value_field": "x"])
        }
    }
}
