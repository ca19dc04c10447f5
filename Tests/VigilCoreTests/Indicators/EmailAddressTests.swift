import Testing
import VigilCore

@Suite("EmailAddress")
struct EmailAddressTests {
    static let local64 = repeated("a", 64)
    static let max254 = local64 + "@" + repeated("b", 63) + "." + repeated("c", 63) + "." + repeated("d", 61)

    static let goodCases: [(String, String)] = [
        ("User@Example.COM", "user@example.com"),
        ("first.last+tag@example.com", "first.last+tag@example.com"),
        ("abuse@bücher.example", "abuse@xn--bcher-kva.example"),
        (" x@example.com. ", "x@example.com"),
        ("o'brien@example.com", "o'brien@example.com"),
        ("a!#$%&'*+/=?^_`{|}~-@example.com", "a!#$%&'*+/=?^_`{|}~-@example.com"),
        ("phish@sub.example.co.uk", "phish@sub.example.co.uk"),
        ("x@xn--r8jz45g.xn--zckzah", "x@xn--r8jz45g.xn--zckzah"),
        (local64 + "@example.com", local64 + "@example.com"),
        (max254, max254),
    ]

    @Test(arguments: goodCases)
    func good(raw: String, canonical: String) throws {
        let e = try EmailAddress(parsing: raw)
        #expect(e.canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .email).canonical == canonical)
        #expect(e.localPart + "@" + e.domain.canonical == canonical)
    }

    static let badCases: [(String, IndicatorParseError.Reason)] = [
        ("", IndicatorParseError.Reason.empty),
        ("user.example.com", .missingAt),
        ("@example.com", .emptyLocalPart),
        ("user@", .emptyHost),
        ("\"a b\"@example.com", .quotedLocalPart),
        ("\"ab\"", .quotedLocalPart),
        (".user@example.com", .dotPlacement),
        ("user.@example.com", .dotPlacement),
        ("us..er@example.com", .dotPlacement),
        (repeated("a", 65) + "@example.com", .localPartTooLong),
        ("a@b@example.com", .invalidCharacter("@", offset: 3)),
        ("user@localhost", .singleLabel),
        ("user@example..com", .emptyLabel),
        ("user@[192.0.2.1]", .invalidCharacter("[", offset: 5)),
        ("us er@example.com", .invalidCharacter(" ", offset: 2)),
        ("üser@example.com", .invalidCharacter("ü", offset: 0)),
        ("a(comment)@example.com", .invalidCharacter("(", offset: 1)),
        ("mailto:user@example.com", .invalidCharacter(":", offset: 6)),
        ("user@exa\u{0}mple.com", .controlCharacter(offset: 8)),
        ("user@pаypal.com", .mixedScripts),
        (local64 + "@" + repeated("b", 63) + "." + repeated("c", 63) + "." + repeated("d", 62), .tooLong(max: 254)),
        (tenThousand + "@example.com", .tooLong(max: 4096)),
    ]

    @Test(arguments: badCases)
    func bad(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try EmailAddress(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .email) } == reason)
    }
}
