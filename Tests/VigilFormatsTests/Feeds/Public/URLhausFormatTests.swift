import Testing
import VigilCore
import VigilFormats

@Suite("URLhaus CSV format")
struct URLhausFormatTests {
    typealias S = PublicFeedSamples

    static func item(
        _ line: Int, _ id: String, _ url: String, added: String, online: String?, status: String, tags: [String],
        reporter: String
    ) -> FeedItem {
        FeedItem(
            value: S.value(url, .url), threatType: .malwareDistribution, tags: tags, itemID: id,
            firstSeen: S.ms(added), lastSeen: online.map(S.ms),
            description: "malware_download (\(status)); https://urlhaus.abuse.ch/url/\(id)/; reporter \(reporter)",
            location: FeedLocation(line: line))
    }

    @Test func readsTheSampleDumpWithItsBadLinesRejected() throws {
        let records = try S.records(URLhausFormat(), S.text("urlhaus-csv.csv"))
        #expect(records.count == 7)
        #expect(S.items(records) == [
            Self.item(10, "3001001", "http://192.0.2.10:41234/i", added: "2026-03-02 10:14:07", online: "2026-03-02 10:14:07",
                      status: "online", tags: ["32-bit", "elf", "mips", "mozi"], reporter: "example_reporter"),
            Self.item(11, "3001002", "https://malware.example/Payload/dropper.exe", added: "2026-03-02 09:58:41",
                      online: "2026-03-02 09:59:00", status: "offline", tags: ["exe", "agenttesla"], reporter: "abuse_ch"),
            Self.item(13, "3001004", "http://[2001:db8::7]/bins/arm7", added: "2026-03-02 09:30:12", online: nil,
                      status: "online", tags: ["elf", "arm", "mirai"], reporter: "example_reporter"),
            Self.item(16, "3001007", "http://update.example.test/x86", added: "2026-03-02 09:10:00",
                      online: "2026-03-02 09:10:00", status: "online", tags: [], reporter: "anonymous"),
        ])
        let urls = S.items(records).map(\.value.canonical)
        #expect(urls[1] == "https://malware.example/Payload/dropper.exe")
        #expect(S.items(records)[0].firstSeen == 1_772_446_447_000)  // 2026-03-02T10:14:07Z

        let rejected = S.rejections(records)
        #expect(rejected.map(\.location) == [12, 14, 15].map { FeedLocation(line: $0) })
        #expect(rejected.map(\.field) == ["url", nil, "dateadded"])
        #expect(rejected[1].reason == "field 2: text after the closing quote")
    }

    @Test func takesTheColumnsFromTheHeaderComment() throws {
        let text = """
            # id,dateadded,url,url_status,threat,tags,urlhaus_link,reporter
            "7","2019-02-13 00:34:42","http://192.0.2.7/x","offline","malware_download","doc","https://urlhaus.abuse.ch/url/7/","anonymous"
            "8","2019-02-13 00:34:42","http://192.0.2.8/x","offline","malware_download","doc","https://urlhaus.abuse.ch/url/8/"
            """
        let records = try S.records(URLhausFormat(), text)
        let items = S.items(records)
        #expect(items.map(\.value.canonical) == ["http://192.0.2.7/x"])
        #expect(items.first?.lastSeen == nil)
        #expect(items.first?.tags == ["doc"])
        #expect(S.rejections(records) == [FeedRejection(
            location: FeedLocation(line: 3),
            reason: "expected 8 fields (id,dateadded,url,url_status,threat,tags,urlhaus_link,reporter), found 7")])
    }

    @Test func leavesOtherThreatsToTheSourceMapping() throws {
        let line = #""9","2026-03-02 09:10:00","http://192.0.2.9/","online","","phishing","","","""#
        let items = S.items(try S.records(URLhausFormat(), line))
        #expect(items.count == 1)
        #expect(items.first?.threatType == nil)
        #expect(items.first?.description == "phishing (online)")
    }

    @Test func survivesHostileInput() throws {
        #expect(URLhausFormat.name == "urlhaus-csv")
        try S.checkHostileInput(
            { try URLhausFormat(options: [:]) }, comments: "####\n# URLhaus\n\n#\n",
            valid: #""1","2026-03-02 10:14:07","http://192.0.2.1/","online","","malware_download","","","""#)
    }
}
