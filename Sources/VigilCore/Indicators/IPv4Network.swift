/// An IPv4 network in CIDR notation, host bits always cleared.
///
/// Parsing `192.0.2.77/24` yields `192.0.2.0/24`. The address part follows the strict
/// `IPv4Address` rules; the prefix length is 0…32 in decimal without leading zeros.
/// A bare address without `/n` is rejected (`.missingPrefixLength`).
public struct IPv4Network: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The network address (host bits zero).
    public let address: IPv4Address
    /// The prefix length, 0…32.
    public let prefixLength: Int

    /// Builds a network, clearing host bits; nil if `prefixLength` is not in 0…32.
    public init?(address: IPv4Address, prefixLength: Int) {
        guard (0...32).contains(prefixLength) else { return nil }
        self.prefixLength = prefixLength
        self.address = IPv4Address(address.value & Self.mask(prefixLength))
    }

    /// Parses `a.b.c.d/n`; surrounding ASCII whitespace is trimmed.
    public init(parsing raw: String) throws(IndicatorParseError) {
        do {
            (address, prefixLength) = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in
                let (addr, prefixLen) = try splitCIDR(p, base: base, maxPrefix: 32)
                let v = try parseIPv4(addr, base: base)
                return (IPv4Address(v & Self.mask(prefixLen)), prefixLen)
            }
        } catch {
            throw IndicatorParseError(input: raw, type: .cidr4, reason: error.reason)
        }
    }

    /// The netmask for `prefixLength` as a 32-bit value.
    @inline(__always) static func mask(_ prefixLength: Int) -> UInt32 {
        prefixLength == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefixLength)
    }

    /// The netmask, e.g. `0xFFFF_FF00` for /24.
    public var mask: UInt32 { Self.mask(prefixLength) }

    /// The last address in the network.
    public var lastAddress: IPv4Address { IPv4Address(address.value | ~mask) }

    /// Whether `a` lies in this network.
    @inline(__always) public func contains(_ a: IPv4Address) -> Bool {
        a.value & mask == address.value
    }

    /// Whether `other` lies entirely within this network.
    public func contains(_ other: IPv4Network) -> Bool {
        other.prefixLength >= prefixLength && contains(other.address)
    }

    /// The canonical text, e.g. `192.0.2.0/24`.
    public var canonical: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var w = ByteWriter(buf)
            w.appendIPv4(address.value)
            w.append(0x2F)
            w.appendDecimal(UInt32(prefixLength))
            return w.makeString()
        }
    }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Orders by address, then by prefix length.
    public static func < (a: Self, b: Self) -> Bool {
        (a.address.value, a.prefixLength) < (b.address.value, b.prefixLength)
    }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try IPv4Network(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}

/// Splits `address/prefix`, validating the prefix length (0…maxPrefix, no leading zeros).
func splitCIDR(_ p: IndicatorBytes, base: Int, maxPrefix: Int) throws(IndicatorFailure) -> (IndicatorBytes, Int) {
    var slash = -1
    for i in 0..<p.count where p[i] == 0x2F {
        slash = i
        break
    }
    if slash < 0 { throw IndicatorFailure(.missingPrefixLength) }
    let digits = p.count - slash - 1
    if digits == 0 || digits > 3 { throw IndicatorFailure(.badPrefixLength) }
    if digits > 1 && p[slash + 1] == 0x30 { throw IndicatorFailure(.badPrefixLength) }
    var v = 0
    for i in (slash + 1)..<p.count {
        guard isASCIIDigit(p[i]) else { throw IndicatorFailure(.badPrefixLength) }
        v = v * 10 + Int(p[i] &- 0x30)
    }
    if v > maxPrefix { throw IndicatorFailure(.badPrefixLength) }
    return (IndicatorBytes(rebasing: p[0..<slash]), v)
}
