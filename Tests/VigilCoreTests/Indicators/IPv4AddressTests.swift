import Foundation
import Testing
import VigilCore

@Suite("IPv4Address")
struct IPv4AddressTests {
    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"),
        (" 192.0.2.1\n", "192.0.2.1"),
        ("\t198.51.100.7 ", "198.51.100.7"),
        ("203.0.113.0", "203.0.113.0"),
        ("0.0.0.0", "0.0.0.0"),
        ("255.255.255.255", "255.255.255.255"),
        ("10.0.0.10", "10.0.0.10"),
        ("1.2.3.4", "1.2.3.4"),
        ("100.64.0.1", "100.64.0.1"),
        ("192.0.2.100\r\n", "192.0.2.100"),
    ])
    func good(raw: String, canonical: String) throws {
        #expect(try IPv4Address(parsing: raw).canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .ipv4).canonical == canonical)
    }

    @Test(arguments: [
        ("", IndicatorParseError.Reason.empty),
        ("   ", .empty),
        ("1.2.3", .octetCount(got: 3)),
        ("1.2.3.4.5", .octetCount(got: 5)),
        ("2130706433", .octetCount(got: 1)),
        ("256.1.1.1", .octetOutOfRange(octet: 1)),
        ("1.2.3.256", .octetOutOfRange(octet: 4)),
        ("1.2.3.1000", .octetOutOfRange(octet: 4)),
        ("010.1.1.1", .leadingZero(octet: 1)),
        ("1.2.3.04", .leadingZero(octet: 4)),
        ("1.2.3.00", .leadingZero(octet: 4)),
        ("1..2.3", .emptyOctet(octet: 2)),
        ("1.2.3.", .emptyOctet(octet: 4)),
        (".1.2.3", .emptyOctet(octet: 1)),
        ("1.2. 3.4", .invalidCharacter(" ", offset: 4)),
        ("1.2.3.a", .invalidCharacter("a", offset: 6)),
        ("0x7f.0.0.1", .invalidCharacter("x", offset: 1)),
        ("1.2.3.4/24", .invalidCharacter("/", offset: 7)),
        ("1.2.3.-1", .invalidCharacter("-", offset: 6)),
        ("１.2.3.4", .invalidCharacter("１", offset: 0)),
        ("1.2.3.4\u{0}", .controlCharacter(offset: 7)),
        ("1.2.3.4\u{7F}", .controlCharacter(offset: 7)),
        ("1.2\n.3.4", .controlCharacter(offset: 3)),
        ("\u{85}1.2.3.4", .controlCharacter(offset: 0)),
        (" \u{1B}[31m1.2.3.4", .controlCharacter(offset: 1)),
        (tenThousand, .tooLong(max: 4096)),
        (repeated("1.", 5000), .tooLong(max: 4096)),
    ])
    func bad(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try IPv4Address(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .ipv4) } == reason)
    }

    @Test func binaryForm() throws {
        let a = try IPv4Address(parsing: "192.0.2.1")
        #expect(a.value == 0xC000_0201)
        #expect(a == IPv4Address(192, 0, 2, 1))
        #expect(a.octets == (192, 0, 2, 1))
        #expect(IPv4Address(0xC633_6401).canonical == "198.51.100.1")
        #expect(try IPv4Address(parsing: "9.255.255.255") < IPv4Address(parsing: "10.0.0.0"))
    }

    @Test func errorMessage() {
        do {
            _ = try IPv4Address(parsing: "1.2.3.04")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == #"invalid ipv4 "1.2.3.04": leading zero in octet 4"#)
            #expect(error.type == .ipv4)
        }
    }

    @Test func codable() throws {
        let a = try IPv4Address(parsing: "192.0.2.1")
        let data = try JSONEncoder().encode([a])
        #expect(String(decoding: data, as: UTF8.self) == #"["192.0.2.1"]"#)
        #expect(try JSONDecoder().decode([IPv4Address].self, from: data) == [a])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([IPv4Address].self, from: Data(#"["1.2.3.04"]"#.utf8)) }
    }
}
