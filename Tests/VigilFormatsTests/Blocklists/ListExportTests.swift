import Testing
import VigilCore
@testable import VigilFormats

@Suite("Plain and CSV list exporters")
struct ListExportTests {
    @Test func plainListMatchesTheSample() throws {
        #expect(BlocklistFormat.txt.render(BlocklistFixtures.entries, policy: BlocklistFixtures.policy, serial: 1) == (try BlocklistFixtures.sample("malware-dns.txt")))
    }

    @Test func csvListMatchesTheSample() throws {
        #expect(BlocklistFormat.csv.render(BlocklistFixtures.entries, policy: BlocklistFixtures.policy, serial: 1) == (try BlocklistFixtures.sample("malware-dns.csv")))
    }

    @Test func csvQuotesFieldsThatNeedIt() {
        #expect(CSVFields.quoted("a,b") == "\"a,b\"")
        #expect(CSVFields.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFields.quoted("plain") == "plain")
    }

    @Test func everyFormatHasAnExtensionAndContentType() {
        for format in BlocklistFormat.allCases {
            #expect(!format.fileExtension.isEmpty)
            #expect(format.contentType.hasSuffix("charset=utf-8"))
        }
    }
}
