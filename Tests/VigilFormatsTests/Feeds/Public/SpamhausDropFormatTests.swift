import Testing
import VigilCore
import VigilFormats

@Suite("Spamhaus DROP format")
struct SpamhausDropFormatTests {
    typealias S = PublicFeedSamples

    static func item(_ line: Int, _ cidr: String, _ sbl: String, registry: String? = nil) -> FeedItem {
        FeedItem(
            value: S.value(cidr, cidr.contains(":") ? .cidr6 : .cidr4), threatType: .other, itemID: sbl,
            description: "Spamhaus DROP \(sbl)" + (registry.map { "; registry \($0)" } ?? ""),
            location: FeedLocation(line: line))
    }

    @Test func readsTheTextListWithItsBadLinesRejected() throws {
        let records = try S.records(SpamhausDropFormat(), S.text("spamhaus-drop.txt"))
        #expect(records.count == 6)
        #expect(S.items(records) == [
            Self.item(5, "192.0.2.0/24", "SBL100001"), Self.item(6, "198.51.100.0/25", "SBL100002"),
            Self.item(8, "203.0.113.128/25", "SBL100004"), Self.item(10, "203.0.113.64/26", "SBL100006"),
        ])
        #expect(S.items(records).map(\.value.canonical).first == "192.0.2.0/24")
        let rejected = S.rejections(records)
        #expect(rejected.map(\.location) == [FeedLocation(line: 7), FeedLocation(line: 9)])
        #expect(rejected.map(\.field) == ["cidr", "cidr"])
    }

    @Test func readsTheJSONLinesListAndSkipsItsMetadata() throws {
        let records = try S.records(SpamhausDropFormat(), S.text("spamhaus-drop.json"))
        #expect(records.count == 5)
        #expect(S.items(records) == [
            Self.item(1, "192.0.2.0/24", "SBL100001", registry: "arin"),
            Self.item(2, "198.51.100.0/25", "SBL100002", registry: "ripencc"),
            Self.item(5, "203.0.113.64/26", "SBL100005", registry: "lacnic"),
        ])
        let rejected = S.rejections(records)
        #expect(rejected.map(\.location) == [FeedLocation(line: 3), FeedLocation(line: 4)])
        #expect(rejected.map(\.field) == ["cidr", nil])
        #expect(rejected.last?.reason == "line is not a complete JSON object")
    }

    @Test func readsIPv6ListsAndClearsHostBits() throws {
        let text = """
            ; Spamhaus IPv6 DROP List 2026/03/02 - (c) 2026 The Spamhaus Project SLU
            2001:DB8:1234::/36 ; SBL100010
            198.51.100.77/24;SBL100011
            203.0.113.0/24
            {"asn":64496,"rir":"arin","domain":"example.com","cc":"ZZ","asname":"EXAMPLE-AS"}
            """
        let records = try S.records(SpamhausDropFormat(), text)
        let items = S.items(records)
        #expect(items.map(\.value.canonical) == ["2001:db8:1000::/36", "198.51.100.0/24", "203.0.113.0/24"])
        #expect(items.map(\.value.type) == [.cidr6, .cidr4, .cidr4])
        #expect(items.map(\.itemID) == ["SBL100010", "SBL100011", nil])
        #expect(items.last?.description == "Spamhaus DROP")
        #expect(S.rejections(records) == [FeedRejection(
            location: FeedLocation(line: 5), field: "cidr", reason: "JSON line has no \"cidr\" string")])
    }

    @Test func survivesHostileInput() throws {
        #expect(SpamhausDropFormat.name == "spamhaus-drop")
        try S.checkHostileInput(
            { try SpamhausDropFormat(options: [:]) }, comments: "; Spamhaus DROP List\n;\n\n",
            valid: "192.0.2.0/24 ; SBL1")
    }
}
