/// An IPv6 address as two 64-bit halves.
///
/// Parsing accepts the full RFC 4291 §2.2 text syntax: eight groups, one `::`, an
/// embedded dotted quad in the last 32 bits (`::ffff:192.0.2.1`), upper or lower
/// case, and one optional pair of enclosing brackets (`[2001:db8::1]`, stripped).
/// Zone identifiers (`fe80::1%eth0`) are rejected. Output is RFC 5952: lower case, no
/// leading zeros, the longest run of two or more zero groups compressed (the first on
/// a tie), IPv4-mapped addresses as `::ffff:192.0.2.1`.
public struct IPv6Address: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The first (most significant) 64 bits.
    public let high: UInt64
    /// The last 64 bits.
    public let low: UInt64

    /// Builds an address from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The IPv4-mapped address `::ffff:a.b.c.d`.
    public init(ipv4Mapped v4: IPv4Address) {
        high = 0
        low = 0xFFFF_0000_0000 | UInt64(v4.value)
    }

    /// Parses RFC 4291 text; surrounding ASCII whitespace is trimmed.
    public init(parsing raw: String) throws(IndicatorParseError) {
        do {
            (high, low) = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in
                try parseIPv6(p, base: base)
            }
        } catch {
            throw IndicatorParseError(input: raw, type: .ipv6, reason: error.reason)
        }
    }

    /// The eight 16-bit groups.
    public var groups: [UInt16] { (0..<8).map { group($0) } }

    /// Group `i` (0…7).
    @inline(__always) func group(_ i: Int) -> UInt16 {
        let word = i < 4 ? high : low
        return UInt16(truncatingIfNeeded: word >> UInt64(48 - 16 * (i & 3)))
    }

    /// The embedded IPv4 address if this is `::ffff:a.b.c.d`.
    public var ipv4Mapped: IPv4Address? {
        high == 0 && low >> 32 == 0xFFFF ? IPv4Address(UInt32(truncatingIfNeeded: low)) : nil
    }

    /// The canonical RFC 5952 text.
    public var canonical: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buf in
            var w = ByteWriter(buf)
            w.appendIPv6(self)
            return w.makeString()
        }
    }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Orders numerically.
    public static func < (a: Self, b: Self) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try IPv6Address(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}

/// Parses RFC 4291 text (optionally in brackets). Offsets in errors are `base + index`.
func parseIPv6(_ input: IndicatorBytes, base inputBase: Int) throws(IndicatorFailure) -> (UInt64, UInt64) {
    var p = input
    var base = inputBase
    if p.first == 0x5B {
        guard p.count >= 2, p.last == 0x5D else { throw IndicatorFailure(.unbalancedBracket) }
        p = IndicatorBytes(rebasing: p[1..<(p.count - 1)])
        base += 1
    } else if p.last == 0x5D {
        throw IndicatorFailure(.unbalancedBracket)
    }
    let n = p.count
    for i in 0..<n where p[i] == 0x25 { throw IndicatorFailure(.zoneIdNotAllowed) }
    if n == 0 { throw IndicatorFailure(.tooFewGroups) }
    var g = SIMD8<UInt16>()
    var gi = 0
    var dc = -1
    var i = 0
    if n >= 2 && p[0] == 0x3A && p[1] == 0x3A {
        dc = 0
        i = 2
    } else if p[0] == 0x3A {
        throw IndicatorFailure(.emptyGroup)
    }
    while i < n {
        if gi == 8 { throw IndicatorFailure(.tooManyGroups) }
        let start = i
        var v: UInt16 = 0
        while i < n, let h = asciiHexValue(p[i]) {
            v = v &<< 4 | UInt16(h)
            i += 1
        }
        if i < n && p[i] == 0x2E {
            if gi > 6 { throw IndicatorFailure(.tooManyGroups) }
            for j in i..<n where p[j] == 0x3A { throw IndicatorFailure(.misplacedIPv4) }
            let v4 = try parseIPv4(IndicatorBytes(rebasing: p[start..<n]), base: base + start)
            g[gi] = UInt16(v4 >> 16)
            g[gi + 1] = UInt16(truncatingIfNeeded: v4)
            gi += 2
            i = n
            break
        }
        let len = i - start
        if len == 0 {
            if p[i] == 0x3A { throw IndicatorFailure(.emptyGroup) }
            throw invalidCharacterFailure(p, i, base: base)
        }
        if len > 4 { throw IndicatorFailure(.groupTooLong) }
        g[gi] = v
        gi += 1
        if i == n { break }
        if p[i] != 0x3A { throw invalidCharacterFailure(p, i, base: base) }
        i += 1
        if i == n { throw IndicatorFailure(.emptyGroup) }
        if p[i] == 0x3A {
            if dc >= 0 { throw IndicatorFailure(.multipleDoubleColon) }
            dc = gi
            i += 1
        }
    }
    if dc >= 0 {
        if gi == 8 { throw IndicatorFailure(.tooManyGroups) }
        let shift = 8 - gi
        var k = gi - 1
        while k >= dc {
            g[k + shift] = g[k]
            g[k] = 0
            k -= 1
        }
    } else if gi < 8 {
        throw IndicatorFailure(.tooFewGroups)
    }
    let hi = UInt64(g[0]) << 48 | UInt64(g[1]) << 32 | UInt64(g[2]) << 16 | UInt64(g[3])
    let lo = UInt64(g[4]) << 48 | UInt64(g[5]) << 32 | UInt64(g[6]) << 16 | UInt64(g[7])
    return (hi, lo)
}

extension ByteWriter {
    /// Appends the RFC 5952 text of `a` (at most 39 bytes; 22 for IPv4-mapped).
    mutating func appendIPv6(_ a: IPv6Address) {
        if let v4 = a.ipv4Mapped {
            append("::ffff:" as StaticString)
            appendIPv4(v4.value)
            return
        }
        var bestStart = -1
        var bestLen = 1
        var runStart = -1
        for k in 0...8 {
            if k < 8 && a.group(k) == 0 {
                if runStart < 0 { runStart = k }
            } else if runStart >= 0 {
                if k - runStart > bestLen {
                    bestStart = runStart
                    bestLen = k - runStart
                }
                runStart = -1
            }
        }
        var k = 0
        var afterDouble = false
        while k < 8 {
            if k == bestStart {
                append(0x3A)
                append(0x3A)
                k += bestLen
                afterDouble = true
                continue
            }
            if k > 0 && !afterDouble { append(0x3A) }
            afterDouble = false
            appendHex16(a.group(k))
            k += 1
        }
    }
}
