import Testing
import VigilCore
import VigilMatch

@Suite("Warning lists: built-in lists")
struct BuiltInWarningListTests {
    @Test func everyBuiltInListIsValidAndRoundTrips() throws {
        #expect(WarningList.builtIn.map(\.name) == WarningList.BuiltIn.allCases.map(\.rawValue))
        #expect(WarningListSet.builtIn().listNames == WarningList.BuiltIn.allCases.map(\.name))
        for list in WarningList.builtIn {
            #expect(!list.entries.isEmpty, "\(list.name)")
            #expect(!list.description.isEmpty, "\(list.name)")
            let again = try WarningList(name: list.name, description: list.description, parsing: list.text)
            #expect(again.entries == list.entries, "\(list.name)")
        }
        #expect(WarningList.builtIn(.cdnAndCloud).entries.allSatisfy {
            if case .domain = $0 { true } else { false }
        }, "CDN and cloud entries are exact names")
    }

    @Test(arguments: WarningList.builtIn)
    func everyEntryHitsItsOwnList(_ list: WarningList) throws {
        let set = WarningListSet.builtIn()
        for entry in list.entries {
            let value: IndicatorValue = switch entry {
            case .ipv4(let n): n.prefixLength == 32 ? IndicatorValue(n.address) : IndicatorValue(n)
            case .ipv6(let n): n.prefixLength == 128 ? IndicatorValue(n.address) : IndicatorValue(n)
            case .domain(let d): IndicatorValue(d)
            case .domainSuffix(let d): IndicatorValue(d, includingSubdomains: true)
            }
            let hit = set.check(value)
            if value.canonical == "::ffff:0.0.0.0/96" {
                // All of IPv4, mapped: checked as 0.0.0.0/0 first, which covers IPv4 entries.
                #expect(hit?.list == "iana-special-ipv4" && hit?.relation == .covers)
                continue
            }
            #expect(hit?.list == list.name, "\(entry) hit \(hit?.description ?? "nothing")")
            #expect(hit?.matched == entry.description, "\(entry) hit \(hit?.description ?? "nothing")")
        }
    }

    @Test func excludingTheDocumentationListsLetsDemoDataThrough() throws {
        let demo = WarningListSet.builtIn(excluding: WarningList.documentationListNames)
        #expect(!demo.listNames.contains("iana-documentation"))
        #expect(!demo.listNames.contains("reserved-tlds-documentation"))
        for c in [
            WarningCase(.ipv4, "192.0.2.1"), WarningCase(.ipv4, "198.51.100.7"), WarningCase(.ipv4, "203.0.113.200"),
            WarningCase(.ipv6, "2001:db8::1"), WarningCase(.cidr4, "192.0.2.0/24"), WarningCase(.cidr6, "2001:db8:1::/48"),
            WarningCase(.domain, "x.example"), WarningCase(.domain, "phish.test"), WarningCase(.domain, "www.example.com"),
            WarningCase(.domainSuffix, "*.example"), WarningCase(.url, "http://192.0.2.1/x"),
            WarningCase(.url, "https://bad.example/login"), WarningCase(.email, "ceo@corp.example"),
            // Everything else still applies.
            WarningCase(.ipv4, "10.0.0.1", "iana-special-ipv4"), WarningCase(.domain, "a.local", "reserved-tlds"),
            WarningCase(.ipv4, "8.8.8.8", "public-resolvers"), WarningCase(.cidr4, "192.0.0.0/16", "iana-special-ipv4"),
        ] {
            try c.verify(demo)
        }
        let full = WarningListSet.builtIn()
        try WarningCase(.ipv4, "192.0.2.1", "iana-documentation").verify(full)
        try WarningCase(.domain, "x.example", "reserved-tlds-documentation").verify(full)
    }

    @Test func excludingAnyListByName() throws {
        let set = WarningListSet.builtIn(excluding: ["public-resolvers", "no-such-list"])
        #expect(try warningHit(set, .ipv4, "8.8.8.8") == nil)
        #expect(try warningHit(set, .ipv4, "127.0.0.1")?.list == "iana-special-ipv4")
    }
}
