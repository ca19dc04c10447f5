import VigilCore

/// Which organisation owns an address, a network, a domain or an AS (SPEC C5): the longest
/// of the organisations' own prefixes, else the longest announced prefix whose origin AS an
/// organisation listed, and for names the most specific registered domain at a label boundary.
///
/// Owners are small integers (positions in the caller's list of organisations), so the map is
/// values only and lookups allocate nothing. Built once per change of the organisations.
public struct OwnerMap: Sendable {
    /// Collects resources, then `build()`s the map.
    public struct Builder: Sendable {
        fileprivate var prefixes4: [(IPv4Network, Int32)] = []
        fileprivate var prefixes6: [(IPv6Network, Int32)] = []
        fileprivate var domains: [(String, Int32)] = []
        fileprivate var asns: [UInt32: Int32] = [:]
        fileprivate var routes4: [(IPv4Network, UInt32)] = []
        fileprivate var routes6: [(IPv6Network, UInt32)] = []

        /// An empty builder.
        public init() {}

        /// `owner` holds `network`.
        public mutating func add(_ network: IPv4Network, owner: Int32) { prefixes4.append((network, owner)) }
        /// `owner` holds `network`.
        public mutating func add(_ network: IPv6Network, owner: Int32) { prefixes6.append((network, owner)) }
        /// `owner` holds `domain` and its subdomains.
        public mutating func add(domain: DomainName, owner: Int32) { domains.append((domain.canonical, owner)) }
        /// `owner` operates `asn`; the first organisation listing an AS keeps it.
        public mutating func add(asn: ASNumber, owner: Int32) {
            if asns[asn.value] == nil { asns[asn.value] = owner }
        }
        /// The routing table announces `network` from `origin`.
        public mutating func addRoute(_ network: IPv4Network, origin: ASNumber) { routes4.append((network, origin.value)) }
        /// The routing table announces `network` from `origin`.
        public mutating func addRoute(_ network: IPv6Network, origin: ASNumber) { routes6.append((network, origin.value)) }

        /// The map. A network listed by an organisation wins over the same network announced by
        /// another's AS; between organisations listing the same network or domain, the first wins.
        public func build() -> OwnerMap {
            var map = OwnerMap()
            let routed4 = routes4.compactMap { route in asns[route.1].map { (route.0, $0) } }
            let routed6 = routes6.compactMap { route in asns[route.1].map { (route.0, $0) } }
            map.routedPrefixes = routed4.count + routed6.count
            for (network, _) in prefixes4 + routed4 { map.prefixes4.append(network) }
            for (network, _) in prefixes6 + routed6 { map.prefixes6.append(network) }
            map.prefixes4.seal()
            map.prefixes6.seal()
            map.owners4 = [Int32](repeating: -1, count: map.prefixes4.slotCount)
            for (network, owner) in prefixes4 + routed4 {
                if let slot = map.prefixes4.slot(of: network), map.owners4[slot] < 0 { map.owners4[slot] = owner }
            }
            map.owners6 = [Int32](repeating: -1, count: map.prefixes6.slotCount)
            for (network, owner) in prefixes6 + routed6 {
                if let slot = map.prefixes6.slot(of: network), map.owners6[slot] < 0 { map.owners6[slot] = owner }
            }
            map.domains.reserve(entries: domains.count, bytes: domains.reduce(0) { $0 + $1.0.utf8.count })
            for (name, owner) in domains {
                map.domains.append(name, withSubdomains: true)
                map.domainOwners.append(owner)
            }
            map.domains.seal()
            map.asns = asns
            return map
        }
    }

    private var prefixes4 = PrefixTable4()
    private var owners4: [Int32] = []
    private var prefixes6 = PrefixTable6()
    private var owners6: [Int32] = []
    private var domains = DomainTable()
    private var domainOwners: [Int32] = []
    private var asns: [UInt32: Int32] = [:]

    /// Announced prefixes that reached an organisation through its AS.
    public private(set) var routedPrefixes = 0

    /// Networks, domains and ASes held.
    public var count: Int { prefixes4.count + prefixes6.count + domains.count + asns.count }

    /// The owner of `address`.
    @inline(__always)
    public func owner(of address: IPv4Address) -> Int32? {
        prefixes4.match(address.value).map { owners4[$0] }
    }

    /// The owner of `address`.
    @inline(__always)
    public func owner(of address: IPv6Address) -> Int32? {
        prefixes6.match(address).map { owners6[$0] }
    }

    /// The owner of a whole network: the most specific held network containing all of it.
    public func owner(of network: IPv4Network) -> Int32? {
        for length in stride(from: network.prefixLength, through: 0, by: -1) {
            if let slot = prefixes4.slot(of: IPv4Network(address: network.address, prefixLength: length)!) { return owners4[slot] }
        }
        return nil
    }

    /// The owner of a whole network: the most specific held network containing all of it.
    public func owner(of network: IPv6Network) -> Int32? {
        for length in stride(from: network.prefixLength, through: 0, by: -1) {
            if let slot = prefixes6.slot(of: IPv6Network(address: network.address, prefixLength: length)!) { return owners6[slot] }
        }
        return nil
    }

    /// The owner of a domain name (any case, one trailing dot allowed).
    public func owner(ofDomain name: String) -> Int32? {
        var name = name
        return name.withUTF8 { p in domains.match(p, 0, p.count).map { domainOwners[$0] } }
    }

    /// The owner of `asn`.
    public func owner(of asn: ASNumber) -> Int32? { asns[asn.value] }

    /// The owner of an address as a log wrote it (dotted quad or IPv6 text); nil for anything else.
    public func owner(ofAddressText text: String) -> Int32? {
        var text = text
        return text.withUTF8 { p -> Int32? in
            switch IPAddress(p, 0..<p.count) {
            case .v4(let value): owner(of: IPv4Address(value))
            case .v6(let address): owner(of: address)
            case nil: nil
            }
        }
    }

    /// The owner of the resource an indicator names: its address or network, its domain, a URL's
    /// or an e-mail address's host, its AS. File hashes have no owner.
    public func owner(of value: IndicatorValue) -> Int32? {
        switch value.type {
        case .ipv4, .ipv6: return owner(ofAddressText: value.canonical)
        case .cidr4: return (try? IPv4Network(parsing: value.canonical)).flatMap { owner(of: $0) }
        case .cidr6: return (try? IPv6Network(parsing: value.canonical)).flatMap { owner(of: $0) }
        case .domain, .domainSuffix: return owner(ofDomain: value.canonical)
        case .email: return value.canonical.split(separator: "@").last.flatMap { owner(ofDomain: String($0)) }
        case .url:
            guard let url = try? URLValue(parsing: value.canonical) else { return nil }
            switch url.host {
            case .domain(let name): return owner(ofDomain: name.canonical)
            case .ipv4(let address): return owner(of: address)
            case .ipv6(let address): return owner(of: address)
            }
        case .asn: return (try? ASNumber(parsing: value.canonical)).flatMap { owner(of: $0) }
        case .md5, .sha1, .sha256: return nil
        }
    }
}
