import Testing
import VigilCore

@Suite("Address ranges")
struct AddressRangeTests {
    @Test func networksAndAddressesOfBothFamiliesOrderInOneColumn() throws {
        let block = try AddressRange(searching: "192.0.2.0/24")
        #expect(block.low == "00000000000000000000ffffc0000200")
        #expect(block.high == "00000000000000000000ffffc00002ff")
        #expect(block.contains(try #require(AddressRange(type: .ipv4, canonical: "192.0.2.77"))))
        #expect(block.contains(try #require(AddressRange(type: .cidr4, canonical: "192.0.2.128/25"))))
        #expect(!block.contains(try #require(AddressRange(type: .cidr4, canonical: "192.0.0.0/22"))))
        #expect(!block.contains(try #require(AddressRange(type: .ipv4, canonical: "192.0.3.0"))))
        let v6 = try AddressRange(searching: "2001:db8::/32")
        #expect(v6.contains(try #require(AddressRange(type: .ipv6, canonical: "2001:db8::1"))))
        #expect(!v6.contains(try #require(AddressRange(type: .ipv4, canonical: "192.0.2.1"))))
        #expect(AddressRange(type: .domain, canonical: "example.com") == nil)
        #expect(try AddressRange(searching: "192.0.2.9") == AddressRange(type: .ipv4, canonical: "192.0.2.9"))
        #expect(throws: IndicatorParseError.self) { try AddressRange(searching: "192.0.2.0/33") }
    }
}
