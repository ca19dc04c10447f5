/// Which indicators go into a named blocklist, and what a resolver does with them (SPEC C4).
///
/// Suppressed (warning-listed), expired, revoked and false-positive indicators never qualify,
/// whatever the policy says: only `active`, unsuppressed indicators are candidates.
public struct BlocklistPolicy: Sendable, Equatable {
    /// The list's name: letters, digits, `-` and `_`; it names the file under `/feeds/`.
    public var name: String
    /// Indicator types taken (others are ignored).
    public var types: Set<IndicatorType>
    /// Threat types taken; empty means all.
    public var threatTypes: Set<ThreatType>
    /// Lowest confidence taken.
    public var minimumConfidence: Int
    /// Highest TLP taken: a list is handed to operators, so the default is GREEN.
    public var maximumTLP: TLP
    /// Only indicators listed by one of these sources; empty means any source.
    public var sources: [String]
    /// Only indicators with one of these tags; empty means any.
    public var tags: [String]
    /// What an RPZ resolver answers for a listed name.
    public var action: BlocklistAction
    /// Names of the operator organisations that may fetch the list; empty means every logged-in user.
    public var operators: [String]

    /// A policy.
    public init(
        name: String, types: Set<IndicatorType> = BlocklistPolicy.defaultTypes, threatTypes: Set<ThreatType> = [],
        minimumConfidence: Int = 50, maximumTLP: TLP = .green, sources: [String] = [], tags: [String] = [],
        action: BlocklistAction = .nxdomain, operators: [String] = []
    ) {
        self.name = name
        self.types = types
        self.threatTypes = threatTypes
        self.minimumConfidence = minimumConfidence
        self.maximumTLP = maximumTLP
        self.sources = sources
        self.tags = tags
        self.action = action
        self.operators = operators
    }

    /// The types a blocklist can act on: names and addresses.
    public static let defaultTypes: Set<IndicatorType> = [.domain, .domainSuffix, .ipv4, .ipv6, .cidr4, .cidr6]

    /// Whether `name` is usable as a list name (and so as a file name).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}

/// What a resolver does with a name on an RPZ list.
public enum BlocklistAction: Sendable, Equatable, CustomStringConvertible {
    /// Answer that the name does not exist (`CNAME .`).
    case nxdomain
    /// Answer that the name has no data of the asked type (`CNAME *.`).
    case nodata
    /// Answer normally, overriding later lists: an allowlist (`CNAME rpz-passthru.`).
    case passthru
    /// Answer with the address of this walled-garden or sinkhole name (`CNAME name.`).
    case sinkhole(String)

    /// Reads `nxdomain`, `nodata`, `passthru` or `sinkhole:NAME`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "nxdomain": self = .nxdomain
        case "nodata": self = .nodata
        case "passthru": self = .passthru
        default:
            guard text.lowercased().hasPrefix("sinkhole:"),
                  let target = try? DomainName(parsing: String(text.dropFirst("sinkhole:".count)))
            else { return nil }
            self = .sinkhole(target.canonical)
        }
    }

    public var description: String {
        switch self {
        case .nxdomain: "nxdomain"
        case .nodata: "nodata"
        case .passthru: "passthru"
        case .sinkhole(let name): "sinkhole:\(name)"
        }
    }
}
