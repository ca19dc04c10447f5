import Testing
import VigilCore
@testable import VigilFormats

/// The Zeek Intel file checked by a strict reader written from the Intel framework's
/// documentation: the `#fields` header, tab-separated columns, and each indicator valid for its
/// `Intel::` type (Zeek is not packaged for Debian, so it cannot read the file here).
@Suite("Zeek Intel exporter")
struct ZeekIntelTests {
    @Test func sampleMatchesTheFixture() throws {
        let file = BlocklistFormat.zeek.render(BlocklistFixtures.entries, policy: BlocklistFixtures.policy, serial: 1)
        #expect(file == (try BlocklistFixtures.sample("malware-dns.intel")))
    }

    @Test func everyLineIsAValidIntelItem() throws {
        let file = BlocklistFormat.zeek.render(BlocklistFixtures.entries, policy: BlocklistFixtures.policy, serial: 1)
        let lines = file.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc")
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 4, "the four columns the header names: \(line)")
            let (indicator, type) = (fields[0], fields[1])
            #expect(!fields[2].isEmpty && !fields[3].isEmpty)
            switch type {
            case "Intel::ADDR":
                #expect((try? IndicatorValue(parsing: indicator, as: .ipv4)) != nil || (try? IndicatorValue(parsing: indicator, as: .ipv6)) != nil)
            case "Intel::SUBNET":
                #expect((try? IPv4Network(parsing: indicator)) != nil || (try? IPv6Network(parsing: indicator)) != nil)
            case "Intel::DOMAIN":
                #expect((try? DomainName(parsing: indicator))?.canonical == indicator)
            case "Intel::URL":
                #expect(!indicator.contains("://") && indicator.contains("/"), "a URL without its scheme")
            case "Intel::FILE_HASH":
                #expect([32, 40, 64].contains(indicator.count) && indicator.allSatisfy(\.isHexDigit))
            default:
                Issue.record("unknown Intel type \(type)")
            }
        }
        #expect(lines.count == 11, "the header and ten items; the domain covered by its domain-with-subdomains once")
    }
}
