import Testing
import VigilCore

@Suite("FileHash")
struct FileHashTests {
    static let md5 = "d41d8cd98f00b204e9800998ecf8427e"
    static let sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    static let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static let goodCases: [(String, IndicatorType, String)] = [
        (md5.uppercased(), .md5, md5),
        (" \(md5)\n", .md5, md5),
        (sha1, .sha1, sha1),
        (sha1.uppercased() + "\t", .sha1, sha1),
        (sha256, .sha256, sha256),
        ("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", .sha256, sha256),
        (repeated("0", 64), .sha256, repeated("0", 64)),
        (repeated("F", 40), .sha1, repeated("f", 40)),
    ]

    @Test(arguments: goodCases)
    func good(raw: String, type: IndicatorType, canonical: String) throws {
        #expect(try IndicatorValue(parsing: raw, as: type).canonical == canonical)
        let h = try FileHash(parsing: raw)
        #expect(h.canonical == canonical)
        #expect(h.algorithm.indicatorType == type)
    }

    static let badCases: [(String, IndicatorType, IndicatorParseError.Reason)] = [
        (sha1, .md5, .badHexLength(expected: 32, got: 40)),
        (md5, .sha256, .badHexLength(expected: 64, got: 32)),
        (String(md5.dropLast()), .md5, .badHexLength(expected: 32, got: 31)),
        (md5 + "0", .md5, .badHexLength(expected: 32, got: 33)),
        (String(md5.dropLast()) + "g", .md5, .invalidCharacter("g", offset: 31)),
        ("0x" + String(md5.dropFirst(2)), .md5, .invalidCharacter("x", offset: 1)),
        (String(md5.prefix(8)) + " " + String(md5.dropFirst(9)), .md5, .invalidCharacter(" ", offset: 8)),
        (String(md5.prefix(8)) + "-" + String(md5.dropFirst(9)), .md5, .invalidCharacter("-", offset: 8)),
        (String(sha1.prefix(39)) + "\u{0}", .sha1, .controlCharacter(offset: 39)),
        (String(sha256.prefix(63)) + "ü", .sha256, .invalidCharacter("ü", offset: 63)),
        ("", .sha1, .empty),
        (repeated("a", 10_000), .sha256, .tooLong(max: 4096)),
        (repeated("a", 100), .sha256, .badHexLength(expected: 64, got: 100)),
    ]

    @Test(arguments: badCases)
    func bad(raw: String, type: IndicatorType, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: type) } == reason)
    }

    @Test(arguments: [(String(md5.dropLast()), 31), (repeated("a", 48), 48), (repeated("a", 100), 100)])
    func unknownLength(raw: String, got: Int) {
        #expect(failureReason { _ = try FileHash(parsing: raw) } == .unknownHashLength(got: got))
    }

    @Test func binaryForm() throws {
        let h = try FileHash(parsing: Self.sha1)
        #expect(h.bytes.count == 20)
        #expect(h.bytes.prefix(4) == [0xDA, 0x39, 0xA3, 0xEE])
        #expect(h.bytes.last == 0x09)
        #expect(h.words.0 == 0xDA39_A3EE_5E6B_4B0D)
        #expect(h.words.2 == 0xAFD8_0709_0000_0000)
        #expect(h == (try FileHash(parsing: Self.sha1.uppercased(), as: .sha1)))
        #expect(Set([h, try FileHash(parsing: Self.sha1)]).count == 1)
        #expect(try FileHash(parsing: Self.md5) < h)
    }
}
