import VigilCore

/// The active indicators compiled for matching telemetry: an immutable snapshot that many
/// scanning threads read at once, replaced whole when indicators change.
///
/// Domains (exact, and with subdomains at label boundaries), IPv4 and IPv6 addresses and
/// networks (longest prefix), and exact URLs, e-mail addresses and file hashes. The set holds
/// values only, as compactly as a plain C matcher would: a lookup returns a `Hit`, whose
/// `value(of:)` is the indicator's type and canonical value, and the store finds the indicator
/// by that key for the few lines that hit.
public struct IndicatorSet: Sendable {
    /// Which table a hit came from.
    public enum Table: UInt8, Sendable {
        case domain, ipv4, ipv6, other
    }

    /// One matched indicator.
    public struct Hit: Sendable, Hashable {
        /// The table.
        public let table: Table
        /// The entry (or slot) within it.
        public let entry: Int32
    }

    var domains = DomainTable()
    var prefixes4 = PrefixTable4()
    var prefixes6 = PrefixTable6()
    /// URLs, e-mail addresses and hashes, to their index in `otherValues`.
    var others: [IndicatorValue: Int32] = [:]
    var otherValues: [IndicatorValue] = []
    /// Hosts of the URL indicators that also hit on their host alone, and each one's URL.
    var urlHosts = DomainTable()
    var urlHostURLs: [Int32] = []

    /// An empty set.
    public static let empty = IndicatorSet()

    /// Number of indicators held.
    public var count: Int { domains.count + prefixes4.count + prefixes6.count + otherValues.count }

    /// Whether URL indicators are held (a scanner skips building URLs when not).
    public private(set) var holdsURLs = false

    /// Bytes of the tables (not the process).
    public var memoryBytes: Int {
        domains.memoryBytes + prefixes4.memoryBytes + prefixes6.memoryBytes + otherValues.count * 96
    }

    /// The indicator behind `hit`: its type and canonical value.
    public func value(of hit: Hit) -> IndicatorValue {
        switch hit.table {
        case .domain:
            let entry = Int(hit.entry)
            return IndicatorValue(trustedType: domains.isSuffix(entry) ? .domainSuffix : .domain, canonical: domains.name(entry))
        case .ipv4:
            let network = prefixes4.network(at: Int(hit.entry))
            return network.prefixLength == 32 ? IndicatorValue(network.address) : IndicatorValue(network)
        case .ipv6:
            let network = prefixes6.network(at: Int(hit.entry))
            return network.prefixLength == 128 ? IndicatorValue(network.address) : IndicatorValue(network)
        case .other:
            return otherValues[Int(hit.entry)]
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

    /// Whether some URL indicator also hits on its host alone.
    public var holdsURLHosts: Bool { !urlHostURLs.isEmpty }

    /// The URL indicator whose host is the name in `p[start..<end]` and that hits on its host
    /// alone: for lines that name a host without a URL (DNS queries, a proxy's CONNECT).
    @inline(__always)
    public func matchURLHost(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Hit? {
        urlHosts.match(p, start, end).map { Hit(table: .other, entry: urlHostURLs[$0]) }
    }

    /// A canonical value of a type matched exactly (URL, e-mail address, hash).
    public func matchExact(_ value: IndicatorValue) -> Hit? {
        others[value].map { Hit(table: .other, entry: $0) }
    }
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

        /// Adds an indicator's value. Types not matched in telemetry (ASNs) are ignored; returns
        /// whether it was taken.
        @discardableResult
        public mutating func add(_ value: IndicatorValue) -> Bool {
            switch value.type {
            case .domain, .domainSuffix:
                set.domains.append(value.canonical, withSubdomains: value.type == .domainSuffix)
            case .ipv4, .cidr4:
                let network = value.type == .ipv4
                    ? (try? IPv4Address(parsing: value.canonical)).flatMap { IPv4Network(address: $0, prefixLength: 32) }
                    : try? IPv4Network(parsing: value.canonical)
                guard let network else { return false }
                set.prefixes4.append(network)
            case .ipv6, .cidr6:
                let network = value.type == .ipv6
                    ? (try? IPv6Address(parsing: value.canonical)).flatMap { IPv6Network(address: $0, prefixLength: 128) }
                    : try? IPv6Network(parsing: value.canonical)
                guard let network else { return false }
                set.prefixes6.append(network)
            case .url, .email, .md5, .sha1, .sha256:
                guard set.others[value] == nil else { return true }
                set.others[value] = Int32(set.otherValues.count)
                set.otherValues.append(value)
                if value.type == .url { set.holdsURLs = true }
            case .asn:
                return false
            }
            return true
        }

        /// Lets the URL indicator `url` also hit on its host alone (a domain host; a URL with an
        /// address for its host is matched as a URL only). Adds `url` if it is not in yet.
        @discardableResult
        public mutating func addHostFallback(for url: IndicatorValue) -> Bool {
            guard url.type == .url, add(url), let entry = set.others[url] else { return false }
            var text = url.canonical
            let host: String? = text.withUTF8 { p in
                guard let found = canonicalURLHost(p), found.kind == .domain else { return nil }
                return String(decoding: p[found.start..<found.end], as: UTF8.self)
            }
            guard let host else { return false }
            set.urlHosts.append(host, withSubdomains: false)
            set.urlHostURLs.append(entry)
            return true
        }

        /// The compiled set.
        public consuming func build() -> IndicatorSet {
            set.urlHosts.seal()
            set.domains.seal()
            set.prefixes4.seal()
            set.prefixes6.seal()
            return set
        }
    }
}
