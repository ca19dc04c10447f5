import Testing
import VigilCore
@testable import VigilMatch

@Suite("Owner map: longest prefix, domain suffix at label boundaries, AS through the routing table")
struct OwnerMapTests {
    static func v4(_ text: String) -> IPv4Network { try! IPv4Network(parsing: text) }

    static let map: OwnerMap = {
        var builder = OwnerMap.Builder()
        builder.add(v4("192.0.2.0/24"), owner: 0)
        builder.add(v4("192.0.2.128/25"), owner: 1)
        builder.add(v4("10.0.0.0/8"), owner: 2)
        builder.add(try! IPv6Network(parsing: "2001:db8:1::/48"), owner: 0)
        builder.add(domain: try! DomainName(parsing: "water.example"), owner: 3)
        builder.add(domain: try! DomainName(parsing: "city.water.example"), owner: 1)
        builder.add(asn: ASNumber(64500)!, owner: 4)
        builder.addRoute(v4("198.51.100.0/24"), origin: ASNumber(64500)!)
        builder.addRoute(v4("10.1.0.0/16"), origin: ASNumber(64500)!)  // more specific than owner 2's /8
        builder.addRoute(v4("192.0.2.0/24"), origin: ASNumber(64500)!)  // listed by owner 0: the listing wins
        builder.addRoute(v4("203.0.113.0/24"), origin: ASNumber(64999)!)  // nobody's AS
        return builder.build()
    }()

    @Test func addressesGoToTheMostSpecificNetwork() {
        let map = Self.map
        #expect(map.owner(of: IPv4Address(192, 0, 2, 1)) == 0)
        #expect(map.owner(of: IPv4Address(192, 0, 2, 200)) == 1)
        #expect(map.owner(of: IPv4Address(10, 9, 9, 9)) == 2)
        #expect(map.owner(of: IPv4Address(192, 0, 3, 1)) == nil)
        #expect(map.owner(ofAddressText: "2001:db8:1:ffff::1") == 0)
        #expect(map.owner(ofAddressText: "2001:db8:2::1") == nil)
        #expect(map.owner(ofAddressText: "not an address") == nil)
    }

    @Test func announcedPrefixesBelongToTheOrganisationListingTheirOriginAS() {
        let map = Self.map
        #expect(map.owner(of: IPv4Address(198, 51, 100, 7)) == 4)
        #expect(map.owner(of: IPv4Address(10, 1, 2, 3)) == 4)
        #expect(map.owner(of: IPv4Address(192, 0, 2, 5)) == 0)
        #expect(map.owner(of: IPv4Address(203, 0, 113, 1)) == nil)
        #expect(map.routedPrefixes == 3)
        #expect(map.owner(of: ASNumber(64500)!) == 4)
    }

    @Test func namesMatchAtLabelBoundariesOnly() {
        let map = Self.map
        #expect(map.owner(ofDomain: "water.example") == 3)
        #expect(map.owner(ofDomain: "WWW.Water.Example.") == 3)
        #expect(map.owner(ofDomain: "a.city.water.example") == 1)
        #expect(map.owner(ofDomain: "notwater.example") == nil)
        #expect(map.owner(ofDomain: "example") == nil)
    }

    @Test func everyIndicatorKindMapsThroughItsResource() throws {
        let map = Self.map
        func owner(_ raw: String, _ type: IndicatorType) throws -> Int32? { map.owner(of: try IndicatorValue(parsing: raw, as: type)) }
        #expect(try owner("http://mail.water.example/login", .url) == 3)
        #expect(try owner("http://192.0.2.200/x", .url) == 1)
        #expect(try owner("ceo@city.water.example", .email) == 1)
        #expect(try owner("192.0.2.128/26", .cidr4) == 1)
        #expect(try owner("192.0.2.0/23", .cidr4) == nil)  // wider than any held network
        #expect(try owner("2001:db8:1:5::/64", .cidr6) == 0)
        #expect(try owner("AS64500", .asn) == 4)
        #expect(try owner("d41d8cd98f00b204e9800998ecf8427e", .md5) == nil)
    }
}
