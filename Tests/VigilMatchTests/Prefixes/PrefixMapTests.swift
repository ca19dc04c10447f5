import Testing
import VigilCore
import VigilMatch

@Suite("Longest-prefix match")
struct PrefixMapTests {
    static func map() throws -> PrefixMap<String> {
        var map = PrefixMap<String>()
        map.insert(try IPv4Network(parsing: "10.0.0.0/8"), "private")
        map.insert(try IPv4Network(parsing: "10.1.0.0/16"), "branch")
        map.insert(try IPv4Network(parsing: "192.0.2.7/32"), "host")
        map.insert(try IPv6Network(parsing: "2001:db8::/32"), "doc")
        map.insert(try IPv6Network(parsing: "2001:db8:1::/48"), "doc-site")
        return map
    }

    @Test(arguments: [
        ("10.2.3.4", "private"), ("10.1.9.9", "branch"), ("192.0.2.7", "host"), ("192.0.2.8", nil),
        ("11.0.0.1", nil), ("0.0.0.0", nil),
    ] as [(String, String?)])
    func ipv4(address: String, expected: String?) throws {
        #expect(try Self.map().longestMatch(try IPv4Address(parsing: address))?.value == expected)
    }

    @Test(arguments: [
        ("2001:db8::1", "doc"), ("2001:db8:1::5", "doc-site"), ("2001:db9::1", nil), ("::1", nil),
    ] as [(String, String?)])
    func ipv6(address: String, expected: String?) throws {
        #expect(try Self.map().longestMatch(try IPv6Address(parsing: address))?.value == expected)
    }

    @Test func networksMatchOnlyWhenWhollyContained() throws {
        let map = try Self.map()
        #expect(map.longestMatch(try IPv4Network(parsing: "10.1.2.0/24"))?.value == "branch")
        #expect(map.longestMatch(try IPv4Network(parsing: "10.0.0.0/7")) == nil, "a /7 is wider than the listed /8")
        #expect(map.longestMatch(try IPv6Network(parsing: "2001:db8:1:2::/64"))?.network.canonical == "2001:db8:1::/48")
        #expect(map.count == 5)
    }

    @Test func defaultRouteMatchesEverything() throws {
        var map = PrefixMap<Int>()
        map.insert(try IPv4Network(parsing: "0.0.0.0/0"), 0)
        map.insert(try IPv4Network(parsing: "203.0.113.0/24"), 24)
        #expect(map.longestMatch(try IPv4Address(parsing: "8.8.8.8"))?.value == 0)
        #expect(map.longestMatch(try IPv4Address(parsing: "203.0.113.9"))?.value == 24)
    }
}
