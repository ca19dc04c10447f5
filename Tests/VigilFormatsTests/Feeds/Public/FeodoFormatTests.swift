import Testing
import VigilCore
import VigilFormats

@Suite("Feodo Tracker CSV format")
struct FeodoFormatTests {
    typealias S = PublicFeedSamples

    static func item(
        _ line: Int, _ ip: String, port: String, status: String, family: String, first: String, last: String
    ) -> FeedItem {
        FeedItem(
            value: S.value(ip, .ipv4), threatType: .c2, tags: [family.lowercased()],
            firstSeen: S.ms(first), lastSeen: S.ms(last),
            description: "\(family) botnet C2; port \(port); status \(status)", location: FeedLocation(line: line))
    }

    @Test func readsTheSampleBlocklistWithItsBadLinesRejected() throws {
        let records = try S.records(FeodoFormat(), S.text("feodo-csv.csv"))
        #expect(records.count == 7)
        #expect(S.items(records) == [
            Self.item(10, "192.0.2.45", port: "443", status: "online", family: "Dridex",
                      first: "2026-01-17 07:30:05", last: "2026-03-02"),
            Self.item(11, "198.51.100.32", port: "4643", status: "offline", family: "Emotet",
                      first: "2026-01-17 07:44:46", last: "2026-02-20"),
            Self.item(13, "203.0.113.77", port: "447", status: "online", family: "TrickBot",
                      first: "2026-01-19 05:00:00", last: "2026-03-02"),
            Self.item(16, "192.0.2.200", port: "2222", status: "online", family: "Heodo",
                      first: "2026-01-22 09:00:00", last: "2026-03-02"),
        ])
        let first = S.items(records)[0]
        #expect(first.firstSeen == 1_768_635_005_000)  // 2026-01-17T07:30:05Z
        #expect(first.lastSeen == 1_772_409_600_000)  // 2026-03-02T00:00:00Z
        #expect(first.tags == ["dridex"])

        let rejected = S.rejections(records)
        #expect(rejected.map(\.location) == [12, 14, 15].map { FeedLocation(line: $0) })
        #expect(rejected.map(\.field) == ["dst_ip", "dst_port", nil])
        #expect(rejected[2].reason == "field 6: quoted field has no closing quote")
    }

    @Test func acceptsAnIPv6ServerAndAMissingLastOnline() throws {
        let text = """
            "first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
            "2026-01-17 07:30:05","2001:DB8::45","443","offline","","Dridex"
            """
        let items = S.items(try S.records(FeodoFormat(), text))
        #expect(items.map(\.value) == [S.value("2001:db8::45", .ipv6)])
        #expect(items.first?.lastSeen == nil)
    }

    @Test func survivesHostileInput() throws {
        #expect(FeodoFormat.name == "feodo-csv")
        try S.checkHostileInput(
            { try FeodoFormat(options: [:]) }, comments: "#####\n# Feodo\n#\n",
            valid: #""2026-01-17 07:30:05","192.0.2.45","443","online","2026-03-02","Dridex""#)
    }
}
