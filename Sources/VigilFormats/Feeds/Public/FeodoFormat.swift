import VigilCore

/// abuse.ch Feodo Tracker botnet C2 IP blocklist in CSV (`https://feodotracker.abuse.ch/downloads/ipblocklist.csv`,
/// also `ipblocklist_recommended` exports; documented at `https://feodotracker.abuse.ch/blocklist/`).
///
/// A `#` comment banner, a quoted header row
/// `"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"`, then one quoted
/// row per C2 server. The header row sets the columns (the documented order above is the default).
/// Each row becomes an `ipv4` item (`ipv6` if the address has a colon), threat type `c2`, first
/// seen = `first_seen_utc`, last seen = `last_online` (a UTC date), tag = the malware family in
/// lower case, and a description with family, port and status. Rows with a bad address, port or
/// time, broken quoting or the wrong number of fields are rejected, field = the column name.
public struct FeodoFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "feodo-csv"
    /// One sentence for `--help` and the README.
    public static let summary = "abuse.ch Feodo Tracker ipblocklist.csv: botnet C2 IP addresses with port and family"

    /// The documented column order.
    static let defaultColumns = FeedColumns(["first_seen_utc", "dst_ip", "dst_port", "c2_status", "last_online", "malware"])

    /// The columns in force: from the header row.
    private var columns = FeodoFormat.defaultColumns

    /// Takes no options.
    public init(options: FeedOptions = [:]) throws(FeedOptionsError) {}

    /// Reads one line: a comment, the header row, a blank line or a C2 row.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        records.append(itemOf: { () throws(FeedRejection) in try item(line) })
    }

    /// The item of one line; nil for comments, the header and blank lines.
    private mutating func item(_ line: Line) throws(FeedRejection) -> FeedItem? {
        guard let text = OneValuePerLine.value(of: try PublicFeedFields.text(of: line)) else { return nil }
        let location = FeedLocation(line: line.number)
        let fields = try PublicFeedFields.csv(text, at: location)
        if fields.first == "first_seen_utc" {
            columns = FeedColumns(header: fields)
            return nil
        }
        let row = try columns.row(fields, at: location)
        let address = row["dst_ip"]
        let value = try FeedValue.parse(
            address, as: OneValuePerLine.ipAddressType(address), at: location, field: "dst_ip").get()
        let port = row["dst_port"]
        if !port.isEmpty {
            guard let number = Int(port), (1...65_535).contains(number) else {
                throw FeedRejection(location: location, field: "dst_port", reason: "\"\(port.prefix(40))\" is not a port number")
            }
        }
        let firstSeen = try PublicFeedFields.time(row["first_seen_utc"], field: "first_seen_utc", at: location)
        let lastSeen = try PublicFeedFields.time(row["last_online"], field: "last_online", at: location)
        let malware = row["malware"]
        let status = row["c2_status"]
        return FeedItem(
            value: value,
            threatType: .c2,
            tags: PublicFeedFields.tags(malware),
            firstSeen: firstSeen,
            lastSeen: lastSeen,
            description: PublicFeedFields.description([
                malware.isEmpty ? "botnet C2" : "\(malware) botnet C2",
                port.isEmpty ? "" : "port \(port)",
                status.isEmpty ? "" : "status \(status)",
            ]),
            location: location)
    }
}
