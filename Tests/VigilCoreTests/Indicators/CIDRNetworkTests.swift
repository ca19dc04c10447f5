import Testing
import VigilCore

@Suite("IPv4Network and IPv6Network")
struct CIDRNetworkTests {
    // Expected values checked against Python: str(ipaddress.ip_network(raw, strict=False)).
    @Test(arguments: [
        ("192.0.2.77/24", "192.0.2.0/24"),
        ("10.1.2.3/8", "10.0.0.0/8"),
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("198.51.100.255/32", "198.51.100.255/32"),
        ("203.0.113.129/25", "203.0.113.128/25"),
        ("203.0.113.255/31", "203.0.113.254/31"),
        ("255.255.255.255/1", "128.0.0.0/1"),
        (" 192.0.2.0/24\n", "192.0.2.0/24"),
    ])
    func good4(raw: String, canonical: String) throws {
        #expect(try IPv4Network(parsing: raw).canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .cidr4).canonical == canonical)
    }

    @Test(arguments: [
        ("2001:db8::1/32", "2001:db8::/32"),
        ("2001:DB8:ffff::/48", "2001:db8:ffff::/48"),
        ("::/0", "::/0"),
        ("2001:db8::1/128", "2001:db8::1/128"),
        ("2001:db8:1234:5678:9abc::/63", "2001:db8:1234:5678::/63"),
        ("2001:db8:1234:5678:9abc::/64", "2001:db8:1234:5678::/64"),
        ("2001:db8:1234:5678:ffff:ffff:ffff:ffff/65", "2001:db8:1234:5678:8000::/65"),
        ("::ffff:192.0.2.77/120", "::ffff:192.0.2.0/120"),
        ("[2001:db8::]/32", "2001:db8::/32"),
    ])
    func good6(raw: String, canonical: String) throws {
        #expect(try IPv6Network(parsing: raw).canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .cidr6).canonical == canonical)
    }

    @Test(arguments: [
        ("192.0.2.0", IndicatorParseError.Reason.missingPrefixLength),
        ("192.0.2.0/33", .badPrefixLength),
        ("192.0.2.0/024", .badPrefixLength),
        ("192.0.2.0/00", .badPrefixLength),
        ("192.0.2.0/", .badPrefixLength),
        ("192.0.2.0/2a", .badPrefixLength),
        ("192.0.2.0/24/1", .badPrefixLength),
        ("192.0.2.0/-1", .badPrefixLength),
        ("192.0.2.0/+8", .badPrefixLength),
        ("192.0.2.0/1000", .badPrefixLength),
        ("192.0.2/24", .octetCount(got: 3)),
        ("192.0.2.010/24", .leadingZero(octet: 4)),
        ("192.0.2.0 /24", .invalidCharacter(" ", offset: 9)),
        ("/24", .octetCount(got: 1)),
        ("192.0.2.0/2\u{0}", .controlCharacter(offset: 11)),
        ("", .empty),
    ])
    func bad4(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try IPv4Network(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .cidr4) } == reason)
    }

    @Test(arguments: [
        ("2001:db8::", IndicatorParseError.Reason.missingPrefixLength),
        ("2001:db8::/129", .badPrefixLength),
        ("2001:db8::/032", .badPrefixLength),
        ("2001:db8::/", .badPrefixLength),
        ("fe80::%eth0/64", .zoneIdNotAllowed),
        ("2001:db8::1::/64", .multipleDoubleColon),
        ("2001:db8/32", .tooFewGroups),
    ])
    func bad6(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try IPv6Network(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .cidr6) } == reason)
    }

    @Test func contains4() throws {
        let net = try IPv4Network(parsing: "192.0.2.0/24")
        #expect(net.contains(IPv4Address(192, 0, 2, 0)))
        #expect(net.contains(IPv4Address(192, 0, 2, 255)))
        #expect(!net.contains(IPv4Address(192, 0, 3, 0)))
        #expect(net.contains(try IPv4Network(parsing: "192.0.2.128/25")))
        #expect(!net.contains(try IPv4Network(parsing: "192.0.0.0/16")))
        #expect(net.lastAddress == IPv4Address(192, 0, 2, 255))
        #expect(net.mask == 0xFFFF_FF00)
        #expect(try IPv4Network(parsing: "0.0.0.0/0").contains(IPv4Address(203, 0, 113, 9)))
        #expect(IPv4Network(address: IPv4Address(192, 0, 2, 77), prefixLength: 24) == net)
        #expect(IPv4Network(address: IPv4Address(192, 0, 2, 77), prefixLength: 33) == nil)
    }

    @Test func contains6() throws {
        let net = try IPv6Network(parsing: "2001:db8::/32")
        #expect(net.contains(try IPv6Address(parsing: "2001:db8:ffff::1")))
        #expect(!net.contains(try IPv6Address(parsing: "2001:db9::1")))
        #expect(net.contains(try IPv6Network(parsing: "2001:db8:1::/48")))
        #expect(net.lastAddress == (try IPv6Address(parsing: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")))
        let host = try IPv6Network(parsing: "2001:db8::1/128")
        #expect(host.contains(try IPv6Address(parsing: "2001:db8::1")))
        #expect(!host.contains(try IPv6Address(parsing: "2001:db8::2")))
        let wide = try IPv6Network(parsing: "2001:db8:0:0:8000::/65")
        #expect(wide.contains(try IPv6Address(parsing: "2001:db8::ffff:0:0:1")))
        #expect(!wide.contains(try IPv6Address(parsing: "2001:db8::7fff:0:0:1")))
        #expect(try IPv6Network(parsing: "::/0").contains(try IPv6Address(parsing: "::1")))
    }
}
