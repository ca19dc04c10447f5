/// Why an indicator is suppressed: the warning list it hit and the entry it hit.
public struct WarningHit: Sendable, Hashable, CustomStringConvertible {
    /// The list's name, e.g. `iana-special-ipv4`.
    public let list: String
    /// The entry in its text form (see `WarningList.Entry.description`), e.g.
    /// `10.0.0.0/8`, `8.8.8.8`, `cloudflare.com` or `*.onion`.
    public let matched: String
    /// How the indicator (for URLs: its host; for e-mail addresses: its domain) relates
    /// to the entry.
    public let relation: Relation

    /// How an indicator relates to the entry it hit.
    public enum Relation: String, Sendable, Hashable, Codable {
        /// The same address, network, name or suffix.
        case equal
        /// The indicator lies inside the entry: an address or network inside a listed
        /// network, a name below a listed suffix.
        case within
        /// The indicator covers the entry: a network containing a listed network or
        /// address (blocking `8.0.0.0/8` would block `8.8.8.8`), a suffix indicator
        /// `*.name` over a listed name at or below `name`.
        case covers
    }

    /// Creates a hit.
    public init(list: String, matched: String, relation: Relation) {
        self.list = list
        self.matched = matched
        self.relation = relation
    }

    /// `iana-special-ipv4: 10.0.0.0/8 (within)`.
    public var description: String { "\(list): \(matched) (\(relation.rawValue))" }

    /// The same hit with another relation.
    func with(_ relation: Relation) -> WarningHit {
        WarningHit(list: list, matched: matched, relation: relation)
    }
}
