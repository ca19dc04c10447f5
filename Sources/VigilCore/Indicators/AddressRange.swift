/// The first and last address an IP indicator covers, as sortable text, so that a store can
/// find every address and network inside a CIDR block with one range condition.
///
/// Both bounds are 32 lower-case hex digits of the 128-bit address; IPv4 lives in the
/// IPv4-mapped block `::ffff:0:0/96`, so one column orders both families.
public struct AddressRange: Hashable, Sendable {
    /// First covered address.
    public let low: String
    /// Last covered address.
    public let high: String

    /// The range of an IPv4 network.
    public init(_ network: IPv4Network) {
        low = Self.hex(IPv6Address(ipv4Mapped: network.address))
        high = Self.hex(IPv6Address(ipv4Mapped: network.lastAddress))
    }

    /// The range of an IPv6 network.
    public init(_ network: IPv6Network) {
        low = Self.hex(network.address)
        high = Self.hex(network.lastAddress)
    }

    /// The range of a stored indicator, or nil for types that are not addresses or networks.
    public init?(type: IndicatorType, canonical: String) {
        switch type {
        case .ipv4:
            guard let address = try? IPv4Address(parsing: canonical) else { return nil }
            self.init(IPv4Network(address: address, prefixLength: 32)!)
        case .cidr4:
            guard let network = try? IPv4Network(parsing: canonical) else { return nil }
            self.init(network)
        case .ipv6:
            guard let address = try? IPv6Address(parsing: canonical) else { return nil }
            self.init(IPv6Network(address: address, prefixLength: 128)!)
        case .cidr6:
            guard let network = try? IPv6Network(parsing: canonical) else { return nil }
            self.init(network)
        default:
            return nil
        }
    }

    /// The block a search names: a network (`192.0.2.0/24`, `2001:db8::/32`) or one address.
    public init(searching raw: String) throws(IndicatorParseError) {
        let text = raw  // the parsers trim surrounding whitespace themselves
        let isV6 = text.contains(":")
        switch (isV6, text.contains("/")) {
        case (false, true): self.init(try IPv4Network(parsing: text))
        case (false, false): self.init(IPv4Network(address: try IPv4Address(parsing: text), prefixLength: 32)!)
        case (true, true): self.init(try IPv6Network(parsing: text))
        case (true, false): self.init(IPv6Network(address: try IPv6Address(parsing: text), prefixLength: 128)!)
        }
    }

    /// Whether `other` lies entirely within this range.
    public func contains(_ other: AddressRange) -> Bool { other.low >= low && other.high <= high }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ address: IPv6Address) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for word in [address.high, address.low] {
            for shift in stride(from: 60, through: 0, by: -4) { bytes.append(digits[Int((word >> UInt64(shift)) & 0xF)]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
