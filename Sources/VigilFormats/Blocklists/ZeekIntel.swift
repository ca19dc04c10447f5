import VigilCore

/// A Zeek Intel framework file (`Intel::read_files`): tab-separated, a `#fields` header, one
/// indicator per line with its `Intel::` type, the list as `meta.source` and the threat type and
/// confidence as `meta.desc`. Zeek matches domains exactly, so a domain-with-subdomains is the
/// domain itself; URLs lose their scheme, as Zeek's `Intel::URL` expects.
public struct ZeekIntel: Sendable, BlocklistWriter {
    private let source: String
    private var text = "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n"
    private var repeats = RepeatFilter()

    /// A file for the list `listName`.
    public init(listName: String) {
        source = "vigil:" + listName
    }

    public mutating func add(_ entry: BlocklistEntry) {
        guard !repeats.isRepeat(entry.value), let (indicator, type) = Self.intel(entry.value) else { return }
        text += "\(indicator)\t\(type)\t\(source)\t\(entry.threatType.rawValue), confidence \(entry.confidence)\n"
    }

    public mutating func finish(serial: UInt32) -> String { text }

    /// The indicator text and `Intel::` type for a value; nil for types Zeek's Intel framework lacks.
    static func intel(_ value: IndicatorValue) -> (String, String)? {
        let canonical = value.canonical
        // A tab or a line break would break the file; canonical forms never hold one, but be sure.
        guard !canonical.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return nil }
        switch value.type {
        case .ipv4, .ipv6: return (canonical, "Intel::ADDR")
        case .cidr4, .cidr6: return (canonical, "Intel::SUBNET")
        case .domain, .domainSuffix: return (canonical, "Intel::DOMAIN")
        case .url:
            guard let scheme = canonical.range(of: "://") else { return nil }
            return (String(canonical[scheme.upperBound...]), "Intel::URL")
        case .email: return (canonical, "Intel::EMAIL")
        case .md5, .sha1, .sha256: return (canonical, "Intel::FILE_HASH")
        case .asn: return nil
        }
    }
}
