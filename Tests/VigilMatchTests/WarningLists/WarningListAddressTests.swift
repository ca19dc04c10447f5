import Testing
import VigilCore
import VigilMatch

@Suite("Warning lists: addresses and networks")
struct WarningListAddressTests {
    static let all = WarningListSet.builtIn()

    @Test(arguments: [
        // IPv4 inside special-purpose ranges; the most specific entry is reported.
        WarningCase(.ipv4, "10.1.2.3", "iana-special-ipv4", "10.0.0.0/8", .within),
        WarningCase(.ipv4, "172.31.255.255", "iana-special-ipv4", "172.16.0.0/12"),
        WarningCase(.ipv4, "172.32.0.1"),
        WarningCase(.ipv4, "100.64.0.1", "iana-special-ipv4", "100.64.0.0/10"),
        WarningCase(.ipv4, "100.128.0.1"),
        WarningCase(.ipv4, "127.0.0.1", "iana-special-ipv4", "127.0.0.0/8"),
        WarningCase(.ipv4, "0.0.0.0", "iana-special-ipv4", "0.0.0.0", .equal),
        WarningCase(.ipv4, "0.1.2.3", "iana-special-ipv4", "0.0.0.0/8"),
        WarningCase(.ipv4, "169.254.169.254", "iana-special-ipv4", "169.254.0.0/16"),
        WarningCase(.ipv4, "192.0.0.9", "iana-special-ipv4", "192.0.0.9", .equal),
        WarningCase(.ipv4, "192.0.0.200", "iana-special-ipv4", "192.0.0.0/24"),
        WarningCase(.ipv4, "192.88.99.2", "iana-special-ipv4", "192.88.99.2"),
        WarningCase(.ipv4, "198.19.255.255", "iana-special-ipv4", "198.18.0.0/15"),
        WarningCase(.ipv4, "198.20.0.1"),
        WarningCase(.ipv4, "224.0.0.251", "iana-special-ipv4", "224.0.0.0/4"),
        WarningCase(.ipv4, "255.255.255.255", "iana-special-ipv4", "255.255.255.255", .equal),
        WarningCase(.ipv4, "192.0.2.1", "iana-documentation", "192.0.2.0/24"),
        WarningCase(.ipv4, "203.0.113.77", "iana-documentation", "203.0.113.0/24"),
        WarningCase(.ipv4, "233.252.0.5", "iana-documentation", "233.252.0.0/24"),
        // Public resolvers are exact addresses, not the operators' networks.
        WarningCase(.ipv4, "8.8.8.8", "public-resolvers", "8.8.8.8", .equal),
        WarningCase(.ipv4, "1.1.1.1", "public-resolvers", "1.1.1.1"),
        WarningCase(.ipv4, "9.9.9.9", "public-resolvers", "9.9.9.9"),
        WarningCase(.ipv4, "208.67.222.222", "public-resolvers", "208.67.222.222"),
        WarningCase(.ipv4, "8.8.8.9"),
        WarningCase(.ipv4, "1.1.1.4"),
        WarningCase(.ipv4, "93.184.215.14"),
        // IPv6
        WarningCase(.ipv6, "::1", "iana-special-ipv6", "::1", .equal),
        WarningCase(.ipv6, "::", "iana-special-ipv6", "::"),
        WarningCase(.ipv6, "fe80::1", "iana-special-ipv6", "fe80::/10"),
        WarningCase(.ipv6, "fd12:3456::1", "iana-special-ipv6", "fc00::/7"),
        WarningCase(.ipv6, "ff02::fb", "iana-special-ipv6", "ff00::/8"),
        WarningCase(.ipv6, "64:ff9b::808:808", "iana-special-ipv6", "64:ff9b::/96"),
        WarningCase(.ipv6, "2002:c000:201::1", "iana-special-ipv6", "2002::/16"),
        WarningCase(.ipv6, "2001:0:4136:e378::1", "iana-special-ipv6", "2001::/32"),
        WarningCase(.ipv6, "2001:1::2", "iana-special-ipv6", "2001:1::2"),
        WarningCase(.ipv6, "2001:db8::1", "iana-documentation", "2001:db8::/32"),
        WarningCase(.ipv6, "3fff:123::1", "iana-documentation", "3fff::/20"),
        WarningCase(.ipv6, "2001:4860:4860::8888", "public-resolvers", "2001:4860:4860::8888", .equal),
        WarningCase(.ipv6, "2606:4700:4700::1111", "public-resolvers"),
        WarningCase(.ipv6, "2620:fe::fe", "public-resolvers"),
        WarningCase(.ipv6, "2606:4700:4700::1234"),
        WarningCase(.ipv6, "2a00:1450:4001:82a::200e"),
        // IPv4-mapped IPv6: checked as IPv4 first, so the IPv4 list is named.
        WarningCase(.ipv6, "::ffff:10.0.0.1", "iana-special-ipv4", "10.0.0.0/8"),
        WarningCase(.ipv6, "::ffff:192.168.1.1", "iana-special-ipv4", "192.168.0.0/16"),
        WarningCase(.ipv6, "::ffff:8.8.8.8", "public-resolvers", "8.8.8.8"),
        WarningCase(.ipv6, "::ffff:93.184.215.14", "iana-special-ipv6", "::ffff:0.0.0.0/96"),
    ])
    func addresses(_ c: WarningCase) throws { try c.verify(Self.all) }

    @Test(arguments: [
        // A network inside a listed network …
        WarningCase(.cidr4, "10.20.0.0/16", "iana-special-ipv4", "10.0.0.0/8", .within),
        WarningCase(.cidr4, "10.0.0.0/8", "iana-special-ipv4", "10.0.0.0/8", .equal),
        WarningCase(.cidr4, "192.168.1.0/24", "iana-special-ipv4", "192.168.0.0/16", .within),
        // … and a network containing one: blocking it would block the listed value.
        WarningCase(.cidr4, "8.0.0.0/8", "public-resolvers", "8.8.4.4", .covers),
        WarningCase(.cidr4, "8.8.8.0/24", "public-resolvers", "8.8.8.8", .covers),
        WarningCase(.cidr4, "0.0.0.0/0", "iana-special-ipv4", "0.0.0.0/8"),
        WarningCase(.cidr4, "192.0.0.0/8", "iana-special-ipv4", "192.0.0.0/24", .covers),
        WarningCase(.cidr4, "172.0.0.0/8", "iana-special-ipv4", "172.16.0.0/12", .covers),
        WarningCase(.cidr4, "8.8.9.0/24"),
        WarningCase(.cidr4, "93.184.0.0/16"),
        WarningCase(.cidr4, "11.0.0.0/8"),
        WarningCase(.cidr4, "8.8.8.9/32"),
        WarningCase(.cidr6, "fe80::/64", "iana-special-ipv6", "fe80::/10", .within),
        WarningCase(.cidr6, "2001:4860::/32", "public-resolvers", "2001:4860:4860::64", .covers),
        WarningCase(.cidr6, "2606:4700::/32", "public-resolvers", .none, .covers),
        WarningCase(.cidr6, "2000::/3", "iana-special-ipv6", "2001::/23", .covers),
        WarningCase(.cidr6, "::/0", "iana-special-ipv6", "::", .covers),
        WarningCase(.cidr6, "2a00:1450::/32"),
        WarningCase(.cidr6, "2606:4701::/32"),
        // IPv4-mapped networks are checked as IPv4 networks first.
        WarningCase(.cidr6, "::ffff:10.0.0.0/104", "iana-special-ipv4", "10.0.0.0/8", .equal),
        WarningCase(.cidr6, "::ffff:8.0.0.0/104", "public-resolvers", "8.8.4.4", .covers),
        WarningCase(.cidr6, "::ffff:93.184.0.0/112", "iana-special-ipv6", "::ffff:0.0.0.0/96", .within),
    ])
    func networks(_ c: WarningCase) throws { try c.verify(Self.all) }

    @Test(arguments: [
        WarningCase(.url, "http://10.0.0.5/admin", "iana-special-ipv4", "10.0.0.0/8"),
        WarningCase(.url, "https://user@192.168.0.1:8443/x?y", "iana-special-ipv4", "192.168.0.0/16"),
        WarningCase(.url, "http://8.8.8.8/", "public-resolvers", "8.8.8.8"),
        WarningCase(.url, "http://[::1]:8080/", "iana-special-ipv6", "::1"),
        WarningCase(.url, "http://[2001:4860:4860::8844]/dns-query", "public-resolvers"),
        WarningCase(.url, "http://[::ffff:127.0.0.1]/", "iana-special-ipv4", "127.0.0.0/8"),
        WarningCase(.url, "http://93.184.215.14/malware.exe"),
        WarningCase(.url, "http://[2a00:1450::1]/"),
        // Hashes and AS numbers are never suppressed.
        WarningCase(.md5, "d41d8cd98f00b204e9800998ecf8427e"),
        WarningCase(.asn, "AS64496"),
    ])
    func urlHostsAndOtherTypes(_ c: WarningCase) throws { try c.verify(Self.all) }

    @Test func firstListWinsForTheSameNetwork() throws {
        let a = try WarningList(name: "a", description: "", parsing: "10.0.0.0/8\n8.8.8.8")
        let b = try WarningList(name: "b", description: "", parsing: "10.0.0.0/8\n10.1.0.0/16")
        let set = WarningListSet([a, b])
        #expect(try warningHit(set, .ipv4, "10.2.0.1")?.list == "a")
        #expect(try warningHit(set, .ipv4, "10.1.0.1")?.list == "b", "the more specific network wins")
        #expect(try warningHit(WarningListSet([b, a]), .ipv4, "10.2.0.1")?.list == "b")
    }

    @Test func emptySetHitsNothing() throws {
        let set = WarningListSet([])
        for (type, raw) in [(IndicatorType.ipv4, "10.0.0.1"), (.cidr6, "::/0"), (.domain, "a.example"),
                            (.url, "http://[::1]/"), (.email, "a@b.example"), (.domainSuffix, "*.com")] {
            #expect(try warningHit(set, type, raw) == nil)
        }
    }
}
