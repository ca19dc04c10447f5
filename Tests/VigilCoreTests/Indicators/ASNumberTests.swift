import Testing
import VigilCore

@Suite("ASNumber")
struct ASNumberTests {
    @Test(arguments: [
        ("AS64496", "AS64496"),
        ("as64496", "AS64496"),
        ("As64496", "AS64496"),
        ("64496", "AS64496"),
        ("ASN64496", "AS64496"),
        ("asn64496", "AS64496"),
        ("AS1.10", "AS65546"),
        ("1.10", "AS65546"),
        ("AS0.1", "AS1"),
        ("AS65535.65535", "AS4294967295"),
        ("AS4294967295", "AS4294967295"),
        ("AS065536", "AS65536"),
        (" AS1 \n", "AS1"),
    ])
    func good(raw: String, canonical: String) throws {
        #expect(try ASNumber(parsing: raw).canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .asn).canonical == canonical)
    }

    @Test(arguments: [
        ("AS0", IndicatorParseError.Reason.asnOutOfRange),
        ("0", .asnOutOfRange),
        ("AS0.0", .asnOutOfRange),
        ("AS4294967296", .asnOutOfRange),
        ("AS99999999999999999999", .asnOutOfRange),
        ("AS65536.1", .asnOutOfRange),
        ("AS1.65536", .asnOutOfRange),
        ("AS", .missingNumber),
        ("ASN", .missingNumber),
        ("AS-1", .invalidCharacter("-", offset: 2)),
        ("AS 64496", .invalidCharacter(" ", offset: 2)),
        ("AS1.2.3", .invalidCharacter(".", offset: 5)),
        ("AS1.", .invalidCharacter(".", offset: 3)),
        ("AS.1", .invalidCharacter(".", offset: 2)),
        ("ASX1", .invalidCharacter("X", offset: 2)),
        ("AS64496\u{0}", .controlCharacter(offset: 7)),
        ("", .empty),
        ("AS" + repeated("1", 5000), .tooLong(max: 4096)),
    ])
    func bad(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try ASNumber(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .asn) } == reason)
    }

    @Test func value() throws {
        #expect(try ASNumber(parsing: "AS1.10").value == 65546)
        #expect(ASNumber(0) == nil)
        #expect(ASNumber(64496)?.canonical == "AS64496")
    }
}
