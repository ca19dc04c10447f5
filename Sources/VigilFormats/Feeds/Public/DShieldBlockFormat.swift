import VigilCore

/// DShield / SANS Internet Storm Center recommended block list (`https://feeds.dshield.org/block.txt`,
/// also `https://isc.sans.edu/block.txt`): the top 20 attacking /24 networks of the last three days.
///
/// `#` comment lines, then a header row `Start End Netblock Attacks Name Country email`, then one
/// tab-separated row per network: start address, end address, prefix length (24), number of targets
/// scanned, network name, country, contact e-mail (the last three may be empty). Each row becomes a
/// `cidr4` item, threat type `scanner`, described by its attack count, name, country and contact;
/// the `# updated:` time of the header, when readable, is every item's last-seen time.
/// A row whose start is not a network address or whose end is not that network's last address is
/// rejected (field `Start` or `End`).
public struct DShieldBlockFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "dshield-block"
    /// One sentence for `--help` and the README.
    public static let summary = "DShield/SANS ISC block.txt: top attacking /24 networks, tab-separated with header"

    /// Column names of the header row, used as field names in rejections.
    static let columns = ["Start", "End", "Netblock", "Attacks", "Name", "Country", "email"]

    /// The list's generation time from its `# updated:` comment, epoch milliseconds.
    private var updated: Int64?

    /// Takes no options.
    public init(options: FeedOptions) throws(FeedOptionsError) {}

    /// Reads one line: a comment, the header row, a blank line or a network row.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        guard let text = line.text(rejectingInto: &records) else { return }
        let content = OneValuePerLine.trimmed(text)
        if content.isEmpty { return }
        if content.first == "#" {
            let comment = OneValuePerLine.trimmed(content.dropFirst())
            if comment.hasPrefix("updated:") { updated = Self.time(OneValuePerLine.trimmed(comment.dropFirst(8))) }
            return
        }
        let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(OneValuePerLine.trimmed)
        if fields[0] == "Start" { return }
        let location = FeedLocation(line: line.number)
        switch Self.row(fields, at: location, lastSeen: updated) {
        case .success(let item): records.append(.item(item))
        case .failure(let rejection): records.append(.rejection(rejection))
        }
    }

    /// The item for one row's fields.
    static func row(_ fields: [Substring], at location: FeedLocation, lastSeen: Int64?) -> Result<FeedItem, FeedRejection> {
        func reject(_ field: String?, _ reason: String) -> Result<FeedItem, FeedRejection> {
            .failure(FeedRejection(location: location, field: field, reason: reason))
        }
        guard (4...7).contains(fields.count) else {
            return reject(nil, "expected 4 to 7 tab-separated fields (\(columns.joined(separator: ", "))), found \(fields.count)")
        }
        let start: IPv4Address
        do { start = try IPv4Address(parsing: String(fields[0])) } catch { return reject("Start", error.description) }
        guard let prefix = Int(fields[2]), (0...32).contains(prefix),
              let network = IPv4Network(address: start, prefixLength: prefix) else {
            return reject("Netblock", "prefix length \"\(fields[2].prefix(40))\" is not a number from 0 to 32")
        }
        guard network.address == start else {
            return reject("Start", "start \(start) is not the first address of \(network)")
        }
        let end: IPv4Address
        do { end = try IPv4Address(parsing: String(fields[1])) } catch { return reject("End", error.description) }
        guard end == network.lastAddress else {
            return reject("End", "end \(end) is not the last address \(network.lastAddress) of \(network)")
        }
        guard let attacks = Int(fields[3]), attacks >= 0 else {
            return reject("Attacks", "attack count \"\(fields[3].prefix(40))\" is not a whole number")
        }
        var parts = ["\(attacks) targets scanned"]
        for (index, label) in [(4, "network"), (5, "country"), (6, "contact")] where index < fields.count && !fields[index].isEmpty {
            parts.append("\(label) \(fields[index])")
        }
        return .success(FeedItem(
            value: IndicatorValue(network), threatType: .scanner, lastSeen: lastSeen,
            description: parts.joined(separator: "; "), location: location))
    }

    /// Epoch milliseconds for the `updated:` text: ISO 8601 (current lists, UTC) or the C `ctime`
    /// form `Tue Dec 15 15:33:38 2015 UTC` of older lists; nil for anything else.
    static func time(_ text: Substring) -> Int64? {
        if let time = FeedTime.parse(text) { return time }
        let parts = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, parts[5] == "UTC", let month = months.firstIndex(of: String(parts[1])),
              let day = Int(parts[2]), (1...31).contains(day), parts[4].count == 4 else { return nil }
        let mm = month < 9 ? "0\(month + 1)" : "\(month + 1)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return FeedTime.parse("\(parts[4])-\(mm)-\(dd) \(parts[3])")
    }
}
