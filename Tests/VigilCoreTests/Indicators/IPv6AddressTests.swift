import Foundation
import Testing
import VigilCore

@Suite("IPv6Address")
struct IPv6AddressTests {
    // Expected values checked against Python's ipaddress (3.11), except IPv4-mapped
    // addresses, which RFC 5952 §5 writes as `::ffff:a.b.c.d`.
    @Test(arguments: [
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::", "::"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("fe80::", "fe80::"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ("1:0:0:0:0:0:0:8", "1::8"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("0:0:1:0:0:1:0:0", "::1:0:0:1:0:0"),
        ("FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("2001:db8:a::123", "2001:db8:a::123"),
        ("::192.0.2.1", "::c000:201"),
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
        ("1:2:3:4:5:6:192.0.2.1", "1:2:3:4:5:6:c000:201"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("::FFFF:C000:0201", "::ffff:192.0.2.1"),
        ("0:0:0:0:0:ffff:c633:6401", "::ffff:198.51.100.1"),
        ("[2001:db8::1]", "2001:db8::1"),
        (" 2001:db8::1\n", "2001:db8::1"),
        ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
        ("2001:db8::0:1", "2001:db8::1"),
    ])
    func good(raw: String, canonical: String) throws {
        #expect(try IPv6Address(parsing: raw).canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .ipv6).canonical == canonical)
    }

    @Test(arguments: [
        ("", IndicatorParseError.Reason.empty),
        ("::1::", .multipleDoubleColon),
        ("1::2::3", .multipleDoubleColon),
        ("1:2:3:4:5:6:7:8:9", .tooManyGroups),
        ("1:2:3:4::5:6:7:8", .tooManyGroups),
        ("1:2:3:4:5:6:7:192.0.2.1", .tooManyGroups),
        ("1:2:3:4:5:6:7", .tooFewGroups),
        ("192.0.2.1", .tooFewGroups),
        ("[]", .tooFewGroups),
        ("fe80::1%eth0", .zoneIdNotAllowed),
        ("fe80::1%25eth0", .zoneIdNotAllowed),
        ("[fe80::1%1]", .zoneIdNotAllowed),
        ("12345::", .groupTooLong),
        ("::00000", .groupTooLong),
        ("1:::2", .emptyGroup),
        (":::", .emptyGroup),
        (":1::", .emptyGroup),
        (":", .emptyGroup),
        ("1:", .emptyGroup),
        ("1::2:", .emptyGroup),
        ("g::1", .invalidCharacter("g", offset: 0)),
        ("2001:db8:: 1", .invalidCharacter(" ", offset: 10)),
        ("2001:db8::1/64", .invalidCharacter("/", offset: 11)),
        ("::ffff:192.0.2.256", .octetOutOfRange(octet: 4)),
        ("::ffff:192.0.2.01", .leadingZero(octet: 4)),
        ("::ffff:192.0.2", .octetCount(got: 3)),
        ("::192.0.2.1:1", .misplacedIPv4),
        ("[::1", .unbalancedBracket),
        ("::1]", .unbalancedBracket),
        ("::1\u{0}", .controlCharacter(offset: 3)),
        (repeated("1:", 3000), .tooLong(max: 4096)),
    ])
    func bad(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try IPv6Address(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .ipv6) } == reason)
    }

    @Test func binaryForm() throws {
        let a = try IPv6Address(parsing: "2001:db8::1")
        #expect(a.high == 0x2001_0DB8_0000_0000)
        #expect(a.low == 1)
        #expect(a.groups == [0x2001, 0xDB8, 0, 0, 0, 0, 0, 1])
        #expect(try IPv6Address(parsing: "::ffff:192.0.2.1").ipv4Mapped == IPv4Address(192, 0, 2, 1))
        #expect(IPv6Address(ipv4Mapped: IPv4Address(192, 0, 2, 1)).canonical == "::ffff:192.0.2.1")
        #expect(a.ipv4Mapped == nil)
        #expect(try IPv6Address(parsing: "::1") < a)
    }

    @Test func codable() throws {
        let a = try IPv6Address(parsing: "2001:DB8::1")
        let data = try JSONEncoder().encode(a)
        #expect(String(decoding: data, as: UTF8.self) == #""2001:db8::1""#)
        #expect(try JSONDecoder().decode(IPv6Address.self, from: data) == a)
    }
}
