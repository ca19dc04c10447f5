/// An autonomous system number, canonical text `AS64496`.
///
/// Accepted input: an optional `AS` or `ASN` prefix in any case, then asplain
/// (`64496`) or asdot (`1.10` = 65546, RFC 5396). Leading zeros are accepted (no
/// ambiguity for AS numbers). Range 1…4294967295: AS0 is rejected because RFC 7607
/// reserves it to mean "no AS" — it can never originate traffic, so it is never a valid
/// indicator.
public struct ASNumber: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The 32-bit AS number.
    public let value: UInt32

    /// Wraps a number; nil for 0.
    public init?(_ value: UInt32) {
        guard value != 0 else { return nil }
        self.value = value
    }

    /// Parses `AS64496`, `as64496`, `ASN64496`, `64496` or asdot `AS1.10`.
    public init(parsing raw: String) throws(IndicatorParseError) {
        do {
            value = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in try parseASN(p, base: base) }
        } catch {
            throw IndicatorParseError(input: raw, type: .asn, reason: error.reason)
        }
    }

    /// The canonical text, e.g. `AS64496`.
    public var canonical: String { "AS" + String(value) }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Orders numerically.
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try ASNumber(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}

/// Whether `p` starts with `AS`/`ASN` (any case); returns the prefix length.
@inline(__always) func asnPrefixLength(_ p: IndicatorBytes) -> Int {
    guard p.count >= 2, asciiLower(p[0]) == 0x61, asciiLower(p[1]) == 0x73 else { return 0 }
    return p.count >= 3 && asciiLower(p[2]) == 0x6E ? 3 : 2
}

/// Parses an AS number (asplain or asdot, optional prefix).
func parseASN(_ p: IndicatorBytes, base: Int) throws(IndicatorFailure) -> UInt32 {
    let start = asnPrefixLength(p)
    if start == p.count { throw IndicatorFailure(.missingNumber) }
    var dot = -1
    var hi: UInt64 = 0
    var v: UInt64 = 0
    for i in start..<p.count {
        let b = p[i]
        if b == 0x2E && dot < 0 && i > start && i + 1 < p.count {
            dot = i
            hi = v
            v = 0
            continue
        }
        guard isASCIIDigit(b) else { throw invalidCharacterFailure(p, i, base: base) }
        v = v * 10 + UInt64(b &- 0x30)
        if v > UInt64(UInt32.max) { throw IndicatorFailure(.asnOutOfRange) }
    }
    if dot >= 0 {
        if hi > 0xFFFF || v > 0xFFFF { throw IndicatorFailure(.asnOutOfRange) }
        v = hi << 16 | v
    }
    if v == 0 { throw IndicatorFailure(.asnOutOfRange) }
    return UInt32(v)
}
