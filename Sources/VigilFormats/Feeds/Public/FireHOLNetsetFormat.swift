import VigilCore

/// FireHOL blocklist-ipsets `.netset` and `.ipset` files (`https://github.com/firehol/blocklist-ipsets`,
/// `https://iplists.firehol.org/`; the loading rules are those of FireHOL's `ipset addfile`, see
/// `https://manpages.ubuntu.com/manpages/noble/man5/firehol-ipset.5.html`).
///
/// A `#` comment header (list name, maintainer, source URL, dates, entry counts), then one IPv4 or
/// IPv6 address or CIDR network per line. As `ipset addfile` does, anything after a `#` on a line is
/// a comment and surrounding spaces are ignored. Addresses become `ipv4`/`ipv6` items, networks
/// `cidr4`/`cidr6` items with host bits cleared; a `/32` (IPv4) or `/128` (IPv6) network is the single
/// address and becomes an `ipv4`/`ipv6` item, so it de-duplicates with the bare address. No threat
/// type or tags: the lists mix categories, the source's mapping says what a list means. A bad
/// address or network is rejected with field `value`.
public struct FireHOLNetsetFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "firehol-netset"
    /// One sentence for `--help` and the README.
    public static let summary = "FireHOL blocklist-ipsets .netset/.ipset: one IP address or CIDR network per line, # comments"

    /// Takes no options.
    public init(options: FeedOptions = [:]) throws(FeedOptionsError) {}

    /// Reads one line: a comment, a blank line, an address or a network.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        records.append(itemOf: { () throws(FeedRejection) in try Self.item(line) })
    }

    /// The item of one line; nil for comments and blank lines.
    static func item(_ line: Line) throws(FeedRejection) -> FeedItem? {
        var text = try PublicFeedFields.text(of: line)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        text = OneValuePerLine.trimmed(text)
        if text.isEmpty { return nil }
        let location = FeedLocation(line: line.number)
        return FeedItem(value: try value(text, at: location), location: location)
    }

    /// The canonical value of an address or network; a host-sized network is its address.
    static func value(_ text: Substring, at location: FeedLocation) throws(FeedRejection) -> IndicatorValue {
        let raw = String(text)
        let isIPv6 = text.contains(":")
        do {
            guard text.contains("/") else {
                return isIPv6 ? IndicatorValue(try IPv6Address(parsing: raw)) : IndicatorValue(try IPv4Address(parsing: raw))
            }
            if isIPv6 {
                let network = try IPv6Network(parsing: raw)
                return network.prefixLength == 128 ? IndicatorValue(network.address) : IndicatorValue(network)
            }
            let network = try IPv4Network(parsing: raw)
            return network.prefixLength == 32 ? IndicatorValue(network.address) : IndicatorValue(network)
        } catch {
            throw FeedRejection(location: location, field: "value", reason: error.description)
        }
    }
}
