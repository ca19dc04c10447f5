import VigilCore

/// A DNS response policy zone (draft-vixie-dnsop-dns-rpz): a QNAME trigger per listed name
/// (`*.name` too for a domain with its subdomains) and an `rpz-ip` trigger per address or network,
/// each answered with the policy's action. Records follow `BlocklistEntry.exportOrder`, each
/// owner once.
public struct RPZZone: Sendable, BlocklistWriter {
    /// The policy: its name is the zone's origin, `NAME.rpz.vigil.`
    public let policy: BlocklistPolicy
    /// The SOA serial; it grows with every change, so secondaries know to transfer.
    public let serial: UInt32
    /// Seconds a resolver may cache the zone's answers.
    public var ttl = 300
    private var body: [UInt8] = []
    private var triggers = RPZTriggers()
    private let target: [UInt8]

    /// A zone for `policy` at `serial`.
    public init(policy: BlocklistPolicy, serial: UInt32) {
        self.policy = policy
        self.serial = serial
        target = Array(" CNAME \(Self.target(of: policy.action))\n".utf8)
    }

    /// The zone's origin.
    public var origin: String { Self.origin(of: policy) }

    /// The origin of `policy`'s zone.
    public static func origin(of policy: BlocklistPolicy) -> String { "\(policy.name.lowercased()).rpz.vigil." }

    /// The zone file text for `entries` (any order).
    public func render(_ entries: [BlocklistEntry]) -> String {
        BlocklistFormat.rpz.render(entries, policy: policy, serial: serial)
    }

    public mutating func add(_ entry: BlocklistEntry) {
        for owner in triggers.owners(for: entry) {
            body.append(contentsOf: owner.utf8)
            body.append(contentsOf: target)
        }
    }

    public mutating func finish(serial: UInt32) -> String {
        var text = Array("""
            $ORIGIN \(origin)
            $TTL \(ttl)
            @ SOA \(StartOfAuthority(serial: serial, minimum: UInt32(ttl)).text)
            @ NS \(StartOfAuthority.primary)

            """.utf8)
        text.reserveCapacity(text.count + body.count)
        text.append(contentsOf: body)
        return String(decoding: text, as: UTF8.self)
    }

    /// The trigger owner names (relative to the origin) for one indicator; none for types RPZ
    /// cannot express (URLs, e-mail addresses, hashes, ASNs).
    public static func owners(of value: IndicatorValue) -> [String] {
        switch value.type {
        case .domain:
            return [value.canonical]
        case .domainSuffix:
            return [value.canonical, "*." + value.canonical]
        case .ipv4:
            return (try? IPv4Network(parsing: value.canonical + "/32")).map { [ipTrigger($0)] } ?? []
        case .cidr4:
            // RPZ has no /0 trigger; a network that wide would be warning-listed anyway.
            return (try? IPv4Network(parsing: value.canonical)).flatMap { $0.prefixLength > 0 ? [ipTrigger($0)] : nil } ?? []
        case .ipv6:
            return (try? IPv6Network(parsing: value.canonical + "/128")).map { [ipTrigger($0)] } ?? []
        case .cidr6:
            return (try? IPv6Network(parsing: value.canonical)).flatMap { $0.prefixLength > 0 ? [ipTrigger($0)] : nil } ?? []
        case .url, .email, .md5, .sha1, .sha256, .asn:
            return []
        }
    }

    /// `PREFIX.D.C.B.A.rpz-ip` for an IPv4 network.
    static func ipTrigger(_ network: IPv4Network) -> String {
        let value = network.address.value
        let octets = (0..<4).map { String((value >> (8 * UInt32($0))) & 0xFF) }
        return "\(network.prefixLength).\(octets.joined(separator: ".")).rpz-ip"
    }

    /// `PREFIX.G8.G7…G1.rpz-ip` for an IPv6 network, groups in reverse order without leading
    /// zeros and the longest run of two or more zero groups written once as `zz`; among runs of
    /// equal length the last in this reversed order, which is BIND's canonical form (its `ip2name`).
    static func ipTrigger(_ network: IPv6Network) -> String {
        var groups = network.address.groups.reversed().map { String($0, radix: 16) }
        var best: Range<Int>? = nil
        var index = 0
        while index < groups.count {
            guard groups[index] == "0" else { index += 1; continue }
            var end = index
            while end < groups.count, groups[end] == "0" { end += 1 }
            if end - index >= 2, end - index >= (best?.count ?? 0) { best = index..<end }
            index = end
        }
        if let best { groups.replaceSubrange(best, with: ["zz"]) }
        return "\(network.prefixLength).\(groups.joined(separator: ".")).rpz-ip"
    }

    /// The CNAME target that encodes `action`.
    static func target(of action: BlocklistAction) -> String {
        switch action {
        case .nxdomain: "."
        case .nodata: "*."
        case .passthru: "rpz-passthru."
        case .sinkhole(let name): name.hasSuffix(".") ? name : name + "."
        }
    }
}

/// The trigger owners of entries arriving in `BlocklistEntry.exportOrder`, each once: repeats
/// dropped, and an IP trigger written once (a /32 network and its address give the same one).
struct RPZTriggers {
    private var repeats = RepeatFilter()
    private var ipTriggers = Set<String>()

    /// The owners `entry` adds.
    mutating func owners(for entry: BlocklistEntry) -> [String] {
        guard !repeats.isRepeat(entry.value) else { return [] }
        let owners = RPZZone.owners(of: entry.value)
        guard ![.domain, .domainSuffix].contains(entry.value.type) else { return owners }
        return owners.filter { ipTriggers.insert($0).inserted }
    }
}
