import Testing
import VigilCore
import VigilFormats

@Suite("plain format")
struct PlainFormatTests {
    typealias Fixture = GenericFeedFixture

    @Test func sampleLoadsEveryGoodLineAndRejectsTheBadOnes() throws {
        let records = try Fixture.records(try PlainFormat(options: [:]), sample: "Generic", "plain-blocklist.txt")
        #expect(Fixture.values(records) == [
            "ipv4:192.0.2.1", "ipv4:198.51.100.7", "cidr4:203.0.113.0/24", "ipv6:2001:db8::1",
            "domain:malware.example", "url:https://phish.example/login", "url:http://bad.example/payload.exe",
            "email:evil@phish.example", "md5:d41d8cd98f00b204e9800998ecf8427e", "asn:AS64496",
            "url:https://login.test/?next=a;b",
        ])
        let items = Fixture.items(records)
        #expect(items.map { $0.location.line } == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17])
        #expect(items[1].description == "scanner seen on port 22")
        #expect(items[2].description == "whole range")
        #expect(items.allSatisfy { $0.itemID == nil && $0.tags.isEmpty && $0.threatType == nil })
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(line: 14), field: "value",
                          reason: "invalid ipv4 \"999.0.2.1\": octet 1 is greater than 255"),
            FeedRejection(location: FeedLocation(line: 15), field: "value",
                          reason: "invalid domain \"not a domain!\": invalid character ' ' (U+0020) at byte 3"),
            FeedRejection(location: FeedLocation(line: 18), field: "value",
                          reason: "invalid domain \"phish.example#no-space-so-not-a-comment\": invalid character '#' (U+0023) at byte 13"),
        ])
    }

    @Test func typeOptionParsesEveryLineAsThatTypeAfterRefanging() throws {
        let format = try PlainFormat(options: ["type": "domain-suffix"])
        let records = try Fixture.records(format, text: "*.ads.example\nevil[.]example  ; defanged\n192.0.2.1\n")
        #expect(Fixture.values(records) == ["domain-suffix:ads.example", "domain-suffix:evil.example"])
        #expect(Fixture.items(records)[1].description == "defanged")
        let rejections = Fixture.rejections(records)
        #expect(rejections.map(\.location.line) == [3])
        #expect(rejections.first?.reason.hasPrefix("invalid domain-suffix \"192.0.2.1\"") == true)
    }

    @Test func overlongAndNonUTF8LinesAreRejectedAndTheRestLoads() throws {
        var bytes = Array("192.0.2.1\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 100) + [0x0A]
        bytes += [0xC3, 0x28, 0x0A] + Array("198.51.100.1".utf8)
        let records = try Fixture.records(try PlainFormat(options: [:]), bytes: bytes, maxLineBytes: 64)
        #expect(Fixture.values(records) == ["ipv4:192.0.2.1", "ipv4:198.51.100.1"])
        #expect(Fixture.rejections(records) == [
            FeedRejection(location: FeedLocation(line: 2), reason: "line of 100 bytes exceeds the line length limit"),
            FeedRejection(location: FeedLocation(line: 3), reason: "line is not valid UTF-8"),
        ])
    }

    @Test func commentsAndBlankLinesYieldNothing() throws {
        let records = try Fixture.records(try PlainFormat(options: [:]), text: "\n# a\n; b\n \t\n   ;c\n#\n")
        #expect(records.isEmpty)
    }

    @Test func badOptionsNameTheOption() {
        #expect(throws: FeedOptionsError.self) { try PlainFormat(options: ["type": "ip"]) }
        do {
            _ = try PlainFormat(options: ["typ": "ipv4"])
            Issue.record("unknown option accepted")
        } catch {
            #expect(error.option == "typ")
        }
        do {
            _ = try PlainFormat(options: ["type": "hostname"])
            Issue.record("bad type accepted")
        } catch {
            #expect(error.option == "type")
            #expect(error.message.hasPrefix("\"hostname\" is not an indicator type"))
        }
    }
}
