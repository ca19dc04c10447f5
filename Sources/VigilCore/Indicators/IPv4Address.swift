/// An IPv4 address as a 32-bit number (`192.0.2.1` is `0xC000_0201`).
///
/// Text form: strict dotted quad. Exactly four decimal parts 0…255 without leading
/// zeros (`010.1.1.1` is rejected: some parsers read it as octal), no other
/// notations (`0x7f.1`, `2130706433`), no whitespace inside.
public struct IPv4Address: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The address in host byte order: the first octet is the most significant byte.
    public let value: UInt32

    /// Wraps a 32-bit value.
    public init(_ value: UInt32) { self.value = value }

    /// Builds an address from its four octets.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a dotted quad; surrounding ASCII whitespace is trimmed.
    public init(parsing raw: String) throws(IndicatorParseError) {
        do {
            value = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in try parseIPv4(p, base: base) }
        } catch {
            throw IndicatorParseError(input: raw, type: .ipv4, reason: error.reason)
        }
    }

    /// The four octets, most significant first.
    public var octets: (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value))
    }

    /// The canonical dotted-quad text.
    public var canonical: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buf in
            var w = ByteWriter(buf)
            w.appendIPv4(value)
            return w.makeString()
        }
    }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Orders numerically.
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    /// Decodes from the canonical (or any accepted) text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try IPv4Address(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}

/// Parses a strict dotted quad. Offsets in errors are `base + index`.
func parseIPv4(_ p: IndicatorBytes, base: Int) throws(IndicatorFailure) -> UInt32 {
    var dots = 0
    for i in 0..<p.count {
        let b = p[i]
        if b == 0x2E { dots += 1 } else if !isASCIIDigit(b) { throw invalidCharacterFailure(p, i, base: base) }
    }
    if dots != 3 { throw IndicatorFailure(.octetCount(got: dots + 1)) }
    var value: UInt32 = 0
    var octet = 1
    var i = 0
    while true {
        let start = i
        var v: UInt32 = 0
        while i < p.count && p[i] != 0x2E {
            if i - start < 4 { v = v &* 10 &+ UInt32(p[i] &- 0x30) }
            i += 1
        }
        let len = i - start
        if len == 0 { throw IndicatorFailure(.emptyOctet(octet: octet)) }
        if len > 1 && p[start] == 0x30 { throw IndicatorFailure(.leadingZero(octet: octet)) }
        if len > 3 || v > 255 { throw IndicatorFailure(.octetOutOfRange(octet: octet)) }
        value = value << 8 | v
        if i == p.count { break }
        i += 1
        octet += 1
    }
    return value
}

extension ByteWriter {
    /// Appends a dotted quad (at most 15 bytes).
    mutating func appendIPv4(_ v: UInt32) {
        appendDecimal(v >> 24)
        append(0x2E)
        appendDecimal((v >> 16) & 0xFF)
        append(0x2E)
        appendDecimal((v >> 8) & 0xFF)
        append(0x2E)
        appendDecimal(v & 0xFF)
    }
}
