import VigilCore

/// Writes one blocklist from entries fed one at a time, so a list of millions of entries is
/// never held as entries, only as its output.
///
/// Entries arrive in `BlocklistEntry.exportOrder`: domains-with-subdomains first, then the rest.
/// That order lets writers drop a domain already covered by the same domain-with-subdomains,
/// keeping only the (usually few) domains-with-subdomains in memory.
public protocol BlocklistWriter {
    /// Adds one entry.
    mutating func add(_ entry: BlocklistEntry)
    /// The finished file; `serial` versions it (the RPZ SOA serial).
    mutating func finish(serial: UInt32) -> String
}

extension BlocklistFormat {
    /// A writer of this format for `policy`.
    public func writer(for policy: BlocklistPolicy) -> any BlocklistWriter {
        switch self {
        case .rpz: RPZZone(policy: policy, serial: 0)
        case .nft: NftablesSets(listName: policy.name)
        case .txt: PlainListExport()
        case .csv: CSVListExport()
        case .ipset: IpsetRestore(listName: policy.name)
        case .zeek: ZeekIntel(listName: policy.name)
        case .suricata: SuricataRules(listName: policy.name)
        }
    }

    /// Renders `entries` (any order) of `policy` at `serial`.
    public func render(_ entries: [BlocklistEntry], policy: BlocklistPolicy, serial: UInt32) -> String {
        var writer = writer(for: policy)
        for entry in entries.sorted(by: BlocklistEntry.exportOrder) { writer.add(entry) }
        return writer.finish(serial: serial)
    }
}

/// Drops repeats: a domain-with-subdomains seen before, and a domain its domain-with-subdomains
/// already covers. (The store holds each (type, value) once, so other values cannot repeat.)
struct RepeatFilter {
    private var suffixes = Set<String>()

    /// Whether `value` adds nothing to what was let through before.
    mutating func isRepeat(_ value: IndicatorValue) -> Bool {
        switch value.type {
        case .domainSuffix: !suffixes.insert(value.canonical).inserted
        case .domain: suffixes.contains(value.canonical)
        default: false
        }
    }
}
