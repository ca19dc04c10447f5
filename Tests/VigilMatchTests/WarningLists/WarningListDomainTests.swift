import Testing
import VigilCore
import VigilMatch

@Suite("Warning lists: names, URLs and e-mail addresses")
struct WarningListDomainTests {
    static let all = WarningListSet.builtIn()
    static let production = WarningListSet.builtIn(excluding: WarningList.documentationListNames)

    @Test(arguments: [
        WarningCase(.domain, "foo.test", "reserved-tlds-documentation", "*.test", .within),
        WarningCase(.domain, "x.example", "reserved-tlds-documentation", "*.example"),
        WarningCase(.domain, "www.example.com", "reserved-tlds-documentation", "*.example.com"),
        WarningCase(.domain, "example.com", "reserved-tlds-documentation", "*.example.com", .within),
        WarningCase(.domain, "notexample.com"),
        WarningCase(.domain, "example.com.evil.ru"),
        WarningCase(.domain, "printer.local", "reserved-tlds", "*.local"),
        WarningCase(.domain, "expyuzz4wqqyqhjn.onion", "reserved-tlds", "*.onion"),
        WarningCase(.domain, "router.home.arpa", "reserved-tlds", "*.home.arpa"),
        WarningCase(.domain, "1.0.168.192.in-addr.arpa", "reserved-tlds", "*.168.192.in-addr.arpa"),
        WarningCase(.domain, "4.3.2.1.in-addr.arpa", "reserved-tlds", "*.arpa"),
        WarningCase(.domain, "db.internal", "reserved-tlds", "*.internal"),
        WarningCase(.domain, "dns.google", "public-resolvers", "*.dns.google", .within),
        WarningCase(.domain, "dns64.dns.google", "public-resolvers", "*.dns.google"),
        WarningCase(.domain, "mozilla.cloudflare-dns.com", "public-resolvers", "*.cloudflare-dns.com"),
        WarningCase(.domain, "dns.quad9.net", "public-resolvers", "dns.quad9.net", .equal),
        WarningCase(.domain, "quad9.net"),
        // CDN and cloud platforms: exact names only.
        WarningCase(.domain, "cloudflare.com", "cdn-and-cloud", "cloudflare.com", .equal),
        WarningCase(.domain, "CloudFlare.COM.", "cdn-and-cloud", "cloudflare.com", .equal),
        WarningCase(.domain, "notcloudflare.com"),
        WarningCase(.domain, "www.cloudflare.com"),
        WarningCase(.domain, "amazonaws.com", "cdn-and-cloud", "amazonaws.com"),
        WarningCase(.domain, "s3.amazonaws.com", "cdn-and-cloud", "s3.amazonaws.com"),
        WarningCase(.domain, "evil.s3.amazonaws.com"),
        WarningCase(.domain, "d111111abcdef8.cloudfront.net"),
        WarningCase(.domain, "evil.workers.dev"),
        WarningCase(.domain, "raw.githubusercontent.com", "cdn-and-cloud"),
        WarningCase(.domain, "bücher.de"),
    ])
    func domains(_ c: WarningCase) throws { try c.verify(Self.all) }

    @Test(arguments: [
        WarningCase(.domainSuffix, "*.test", "reserved-tlds-documentation", "*.test", .equal),
        WarningCase(.domainSuffix, "*.foo.test", "reserved-tlds-documentation", "*.test", .within),
        WarningCase(.domainSuffix, "*.cloudfront.net", "cdn-and-cloud", "cloudfront.net", .covers),
        WarningCase(.domainSuffix, "*.s3.amazonaws.com", "cdn-and-cloud", "s3.amazonaws.com", .covers),
        WarningCase(.domainSuffix, "*.amazonaws.com", "cdn-and-cloud", "amazonaws.com", .covers),
        WarningCase(.domainSuffix, "*.evil.s3.amazonaws.com"),
        WarningCase(.domainSuffix, "*.notcloudflare.com"),
        // A suffix over a listed name is suppressed: blocking *.com would block them.
        WarningCase(.domainSuffix, "*.com", "reserved-tlds-documentation", "*.example.com", .covers),
        WarningCase(.domainSuffix, ".google", "public-resolvers", "*.dns.google", .covers),
        WarningCase(.domainSuffix, "*.arpa", "reserved-tlds", "*.arpa", .equal),
        WarningCase(.domainSuffix, "*.in-addr.arpa", "reserved-tlds", "*.arpa", .within),
        WarningCase(.domainSuffix, "*.evil-domain.ru"),
        WarningCase(.domainSuffix, "*.ru"),
    ])
    func suffixes(_ c: WarningCase) throws { try c.verify(Self.all) }

    @Test func suffixOverNamesWithoutDocumentationLists() throws {
        try WarningCase(.domainSuffix, "*.com", "public-resolvers", "dns.google.com", .covers).verify(Self.production)
        try WarningCase(.domainSuffix, "*.example.com").verify(Self.production)
    }

    @Test(arguments: [
        WarningCase(.url, "https://dns.google/dns-query", "public-resolvers", "*.dns.google"),
        WarningCase(.url, "http://CLOUDFLARE.com:8080/x", "cdn-and-cloud", "cloudflare.com"),
        WarningCase(.url, "http://user:pw@foo.test/", "reserved-tlds-documentation", "*.test"),
        WarningCase(.url, "http://cloudflare.com@evil.ru/login"),
        WarningCase(.url, "https://evil.workers.dev/pay"),
        WarningCase(.url, "https://s3.amazonaws.com/evil-bucket/payload.exe", "cdn-and-cloud", "s3.amazonaws.com"),
        // E-mail: only lists with emailDomains (reserved names), never CDNs or resolvers.
        WarningCase(.email, "admin@printer.local", "reserved-tlds", "*.local"),
        WarningCase(.email, "x@foo.example", "reserved-tlds-documentation", "*.example"),
        WarningCase(.email, "phisher@cloudflare.com"),
        WarningCase(.email, "a@dns.google"),
    ])
    func hostsAndMailDomains(_ c: WarningCase) throws { try c.verify(Self.all) }

    @Test func suffixEntriesMatchAtLabelBoundaries() throws {
        let set = try singleListSet("own", "*.cloudflare.com\n*.a.example.net\nexample.net")
        for (name, expected) in [
            ("cloudflare.com", "*.cloudflare.com"), ("a.cloudflare.com", "*.cloudflare.com"),
            ("_dmarc.x.cloudflare.com", "*.cloudflare.com"), ("notcloudflare.com", nil),
            ("a.notcloudflare.com", nil), ("cloudflare.com.evil.ru", nil), ("cloudflare.co", nil),
            ("x.a.example.net", "*.a.example.net"), ("a.example.net", "*.a.example.net"),
            ("example.net", "example.net"), ("b.example.net", nil), ("xa.example.net", nil),
        ] as [(String, String?)] {
            #expect(try warningHit(set, .domain, name)?.matched == expected, "\(name)")
        }
    }

    @Test func caseAndInternationalNames() throws {
        let set = try singleListSet("idn", "Bücher.Example\n*.МОСКВА.рф\nEXAMPLE.ORG")
        #expect(try warningHit(set, .domain, "xn--bcher-kva.example")?.matched == "xn--bcher-kva.example")
        #expect(try warningHit(set, .domain, "BÜCHER.example")?.matched == "xn--bcher-kva.example")
        #expect(try warningHit(set, .domain, "kremlin.москва.рф")?.matched == "*.xn--80adxhks.xn--p1ai")
        #expect(try warningHit(set, .domain, "KREMLIN.XN--80ADXHKS.XN--P1AI")?.list == "idn")
        #expect(try warningHit(set, .domain, "example.org")?.matched == "example.org")
        #expect(try warningHit(set, .url, "http://BÜCHER.example/x")?.list == "idn")
        #expect(try warningHit(set, .domain, "bucher.example") == nil)
    }

    @Test func allowlistDomainsApplyToMail() throws {
        let own = try WarningList.allowlist(["mycert.gov.xy", "*.partner.xy", "203.0.113.9"])
        let set = WarningListSet.builtIn(excluding: WarningList.documentationListNames, adding: [own])
        try WarningCase(.email, "ceo@mycert.gov.xy", "allowlist", "mycert.gov.xy").verify(set)
        try WarningCase(.email, "soc@mail.partner.xy", "allowlist", "*.partner.xy").verify(set)
        try WarningCase(.email, "ceo@evil.gov.xy").verify(set)
        try WarningCase(.domain, "portal.partner.xy", "allowlist", "*.partner.xy").verify(set)
        try WarningCase(.ipv4, "203.0.113.9", "allowlist", "203.0.113.9", .equal).verify(set)
        try WarningCase(.ipv4, "203.0.113.10").verify(set)
        try WarningCase(.cidr4, "203.0.113.0/24", "allowlist", "203.0.113.9", .covers).verify(set)
    }
}
