import Testing
import VigilCore
import VigilFormats

@Suite("FireHOL netset format")
struct FireHOLNetsetFormatTests {
    typealias S = PublicFeedSamples

    static func item(_ line: Int, _ text: String, _ type: IndicatorType) -> FeedItem {
        FeedItem(value: S.value(text, type), location: FeedLocation(line: line))
    }

    @Test func readsTheSampleNetsetWithItsBadLinesRejected() throws {
        let records = try S.records(FireHOLNetsetFormat(), S.text("firehol-netset.netset"))
        #expect(records.count == 7)
        #expect(S.items(records) == [
            Self.item(31, "192.0.2.1", .ipv4), Self.item(32, "192.0.2.64/26", .cidr4),
            Self.item(34, "198.51.100.0/24", .cidr4), Self.item(35, "203.0.113.9", .ipv4),
            Self.item(37, "203.0.113.128/25", .cidr4),
        ])
        #expect(S.items(records).map(\.value.canonical)[3] == "203.0.113.9")
        let rejected = S.rejections(records)
        #expect(rejected.map(\.location) == [FeedLocation(line: 33), FeedLocation(line: 36)])
        #expect(rejected.map(\.field) == ["value", "value"])
    }

    @Test func readsIPv6AndMakesHostSizedNetworksAddresses() throws {
        let text = """
            # ipv6 hash:net ipset
            2001:DB8::1
            2001:db8::/32
            2001:db8::5/128
            192.0.2.77/24
            2001:db8::/129
            """
        let records = try S.records(FireHOLNetsetFormat(), text)
        #expect(S.items(records).map(\.value) == [
            S.value("2001:db8::1", .ipv6), S.value("2001:db8::/32", .cidr6), S.value("2001:db8::5", .ipv6),
            S.value("192.0.2.0/24", .cidr4),
        ])
        #expect(S.rejections(records).map(\.location) == [FeedLocation(line: 6)])
    }

    @Test func survivesHostileInput() throws {
        #expect(FireHOLNetsetFormat.name == "firehol-netset")
        try S.checkHostileInput(
            { try FireHOLNetsetFormat(options: [:]) }, comments: "#\n# example\n#\n   # indented\n", valid: "192.0.2.1")
    }
}
