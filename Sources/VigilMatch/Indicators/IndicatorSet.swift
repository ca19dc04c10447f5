import VigilCore

/// The active indicators compiled for matching telemetry: an immutable snapshot that many
/// scanning threads read at once, replaced whole when indicators change.
///
/// Domains (exact, and with subdomains at label boundaries), IPv4 and IPv6 addresses and
/// networks (longest prefix), and exact URLs, e-mail addresses and file hashes. Every lookup
/// returns a `Hit`, from which `indicatorID(of:)` gives the indicator's id.
public struct IndicatorSet: Sendable {
    /// Which table a hit came from.
    public enum Table: UInt8, Sendable {
        case domain, ipv4, ipv6, other
    }

    /// One matched indicator.
    public struct Hit: Sendable, Hashable {
        /// The table.
        public let table: Table
        /// The entry within it.
        public let entry: Int32
    }

    var domains = DomainTable()
    var prefixes4 = PrefixTable4()
    var prefixes6 = PrefixTable6()
    /// URLs, e-mail addresses and hashes by "type value", to entry numbers.
    var others: [String: Int32] = [:]
    var domainIDs = IndicatorIDList()
    var prefix4IDs = IndicatorIDList()
    var prefix6IDs = IndicatorIDList()
    var otherIDs = IndicatorIDList()

    /// An empty set.
    public static let empty = IndicatorSet()

    /// Number of indicators held.
    public var count: Int { domains.count + prefixes4.count + prefixes6.count + otherIDs.count }

    /// Whether URL indicators are held (a scanner skips building URLs when not).
    public private(set) var holdsURLs = false

    /// Bytes of the tables and ids (not the process).
    public var memoryBytes: Int {
        domains.memoryBytes + prefixes4.memoryBytes + prefixes6.memoryBytes + others.count * 48
            + domainIDs.memoryBytes + prefix4IDs.memoryBytes + prefix6IDs.memoryBytes + otherIDs.memoryBytes
    }

    /// Bytes of the ids alone (16 per indicator): a matcher that only counts would not hold them.
    public var idBytes: Int {
        domainIDs.memoryBytes + prefix4IDs.memoryBytes + prefix6IDs.memoryBytes + otherIDs.memoryBytes
    }

    /// The id of the indicator behind `hit`.
    public func indicatorID(of hit: Hit) -> String {
        switch hit.table {
        case .domain: domainIDs[Int(hit.entry)]
        case .ipv4: prefix4IDs[Int(hit.entry)]
        case .ipv6: prefix6IDs[Int(hit.entry)]
        case .other: otherIDs[Int(hit.entry)]
        }
    }

    /// The domain in `p[start..<end]` (any case, trailing dot or not).
    @inline(__always)
    public func matchDomain(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Hit? {
        domains.match(p, start, end).map { Hit(table: .domain, entry: Int32($0)) }
    }

    /// An IPv4 address.
    @inline(__always)
    public func match(_ address: IPv4Address) -> Hit? {
        prefixes4.match(address.value).map { Hit(table: .ipv4, entry: Int32($0)) }
    }

    /// An IPv6 address (an IPv4-mapped one is looked up as IPv4 too).
    @inline(__always)
    public func match(_ address: IPv6Address) -> Hit? {
        if let hit = prefixes6.match(address) { return Hit(table: .ipv6, entry: Int32(hit)) }
        if let v4 = address.ipv4Mapped { return match(v4) }
        return nil
    }

    /// An address in text (`p[start..<end]`, dotted quad or IPv6 text, brackets not included).
    @inline(__always)
    public func matchAddress(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> AddressLookup {
        if let v4 = canonicalIPv4(p, start, end) {
            return prefixes4.match(v4).map { .hit(Hit(table: .ipv4, entry: Int32($0))) } ?? .miss
        }
        guard let v6 = canonicalIPv6(p, start, end) else { return .notAnAddress }
        return match(v6).map { .hit($0) } ?? .miss
    }

    /// A canonical value of a type matched exactly (URL, e-mail address, hash).
    public func matchExact(_ value: IndicatorValue) -> Hit? {
        others[Self.key(value.type, value.canonical)].map { Hit(table: .other, entry: $0) }
    }

    static func key(_ type: IndicatorType, _ canonical: String) -> String { type.rawValue + " " + canonical }
}

/// What an address lookup found.
public enum AddressLookup: Sendable, Equatable {
    /// The address is listed (or inside a listed network).
    case hit(IndicatorSet.Hit)
    /// A valid address, not listed.
    case miss
    /// The text is not an IP address.
    case notAnAddress
}

extension IndicatorSet {
    /// Collects indicators, then compiles them with `build()`.
    public struct Builder: Sendable {
        private var set = IndicatorSet()

        /// An empty builder; `expected` sizes the tables ahead.
        public init(expected: Int = 0) {
            set.domains.reserve(entries: expected, bytes: expected * 16)
        }

        /// Adds an indicator. Types not matched in telemetry (ASNs) are ignored; returns
        /// whether it was taken.
        @discardableResult
        public mutating func add(id: String, value: IndicatorValue) -> Bool {
            switch value.type {
            case .domain, .domainSuffix:
                set.domains.append(value.canonical, withSubdomains: value.type == .domainSuffix)
                set.domainIDs.append(id)
            case .ipv4, .cidr4:
                let network = value.type == .ipv4
                    ? (try? IPv4Address(parsing: value.canonical)).flatMap { IPv4Network(address: $0, prefixLength: 32) }
                    : try? IPv4Network(parsing: value.canonical)
                guard let network else { return false }
                set.prefixes4.append(network)
                set.prefix4IDs.append(id)
            case .ipv6, .cidr6:
                let network = value.type == .ipv6
                    ? (try? IPv6Address(parsing: value.canonical)).flatMap { IPv6Network(address: $0, prefixLength: 128) }
                    : try? IPv6Network(parsing: value.canonical)
                guard let network else { return false }
                set.prefixes6.append(network)
                set.prefix6IDs.append(id)
            case .url, .email, .md5, .sha1, .sha256:
                let key = IndicatorSet.key(value.type, value.canonical)
                if set.others[key] == nil { set.others[key] = Int32(set.otherIDs.count) }
                set.otherIDs.append(id)
                if value.type == .url { set.holdsURLs = true }
            case .asn:
                return false
            }
            return true
        }

        /// The compiled set.
        public consuming func build() -> IndicatorSet {
            set.domains.seal()
            set.prefixes4.seal()
            set.prefixes6.seal()
            set.domainIDs.shrink()
            set.prefix4IDs.shrink()
            set.prefix6IDs.shrink()
            set.otherIDs.shrink()
            return set
        }
    }
}
