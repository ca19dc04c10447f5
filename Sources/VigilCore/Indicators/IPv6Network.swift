/// An IPv6 network in CIDR notation, host bits always cleared.
///
/// Parsing `2001:db8::1/32` yields `2001:db8::/32`. The address part follows the
/// `IPv6Address` rules (zone ids rejected; brackets around the address stripped); the
/// prefix length is 0…128 in decimal without leading zeros. `/n` is required.
public struct IPv6Network: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The network address (host bits zero).
    public let address: IPv6Address
    /// The prefix length, 0…128.
    public let prefixLength: Int

    /// Builds a network, clearing host bits; nil if `prefixLength` is not in 0…128.
    public init?(address: IPv6Address, prefixLength: Int) {
        guard (0...128).contains(prefixLength) else { return nil }
        self.prefixLength = prefixLength
        let (mh, ml) = Self.mask(prefixLength)
        self.address = IPv6Address(high: address.high & mh, low: address.low & ml)
    }

    /// Parses `x::/n`; surrounding ASCII whitespace is trimmed.
    public init(parsing raw: String) throws(IndicatorParseError) {
        do {
            (address, prefixLength) = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in
                let (addr, prefixLen) = try splitCIDR(p, base: base, maxPrefix: 128)
                let (h, l) = try parseIPv6(addr, base: base)
                let (mh, ml) = Self.mask(prefixLen)
                return (IPv6Address(high: h & mh, low: l & ml), prefixLen)
            }
        } catch {
            throw IndicatorParseError(input: raw, type: .cidr6, reason: error.reason)
        }
    }

    /// The netmask halves for `prefixLength`.
    @inline(__always) static func mask(_ n: Int) -> (UInt64, UInt64) {
        let all = ~UInt64(0)
        if n == 0 { return (0, 0) }
        if n <= 64 { return (all << UInt64(64 - n), 0) }
        if n == 128 { return (all, all) }
        return (all, all << UInt64(128 - n))
    }

    /// Whether `a` lies in this network.
    @inline(__always) public func contains(_ a: IPv6Address) -> Bool {
        let (mh, ml) = Self.mask(prefixLength)
        return a.high & mh == address.high && a.low & ml == address.low
    }

    /// Whether `other` lies entirely within this network.
    public func contains(_ other: IPv6Network) -> Bool {
        other.prefixLength >= prefixLength && contains(other.address)
    }

    /// The last address in the network.
    public var lastAddress: IPv6Address {
        let (mh, ml) = Self.mask(prefixLength)
        return IPv6Address(high: address.high | ~mh, low: address.low | ~ml)
    }

    /// The canonical text, e.g. `2001:db8::/32`.
    public var canonical: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 56) { buf in
            var w = ByteWriter(buf)
            w.appendIPv6(address)
            w.append(0x2F)
            w.appendDecimal(UInt32(prefixLength))
            return w.makeString()
        }
    }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Orders by address, then by prefix length.
    public static func < (a: Self, b: Self) -> Bool {
        (a.address.high, a.address.low, a.prefixLength) < (b.address.high, b.address.low, b.prefixLength)
    }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try IPv6Network(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}
