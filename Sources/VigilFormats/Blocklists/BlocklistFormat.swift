import VigilCore

/// The export formats of a blocklist (fixed names, SPEC `vigil blocklist render --format`).
public enum BlocklistFormat: String, CaseIterable, Sendable {
    /// A DNS response policy zone for BIND, Unbound, Knot and PowerDNS.
    case rpz
    /// An nftables file with interval sets for IPv4 and IPv6.
    case nft
    /// One value per line.
    case txt
    /// `type,value,threat_type,confidence,indicator_id` with a header.
    case csv
    /// `ipset restore` input with `hash:net` sets for IPv4 and IPv6.
    case ipset
    /// A Zeek Intel framework file.
    case zeek
    /// Suricata rules with sids kept across regenerations.
    case suricata

    /// The file name extension under `/feeds/NAME.EXT`.
    public var fileExtension: String {
        switch self {
        case .zeek: "intel"
        case .suricata: "rules"
        default: rawValue
        }
    }

    /// The HTTP content type.
    public var contentType: String {
        switch self {
        case .rpz: "text/dns; charset=utf-8"
        case .nft, .txt, .ipset, .suricata: "text/plain; charset=utf-8"
        case .zeek: "text/tab-separated-values; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }
}
