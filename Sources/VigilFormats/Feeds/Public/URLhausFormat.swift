import VigilCore

/// abuse.ch URLhaus database dump in CSV (`https://urlhaus.abuse.ch/downloads/csv/`, `csv_recent/`,
/// `csv_online/`; documented at `https://urlhaus.abuse.ch/api/`): malware distribution URLs.
///
/// A `#` comment banner, whose last line names the columns
/// (`# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter`), then one
/// quoted CSV row per URL. The column comment, when present, sets the columns (older dumps had
/// no `last_online`); otherwise the documented order above is used. Each row becomes a `url`
/// item: item id = `id`, first seen = `dateadded`, last seen = `last_online` (both UTC), tags from
/// `tags` (comma-separated inside the field, lower case), threat `malware_download` →
/// `malware-distribution` (other threats are left to the source's mapping), and a description
/// with the threat, status, URLhaus link and reporter. A row with the wrong number of fields,
/// broken quoting, a bad URL or a bad time is rejected with the column name as the field.
public struct URLhausFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "urlhaus-csv"
    /// One sentence for `--help` and the README.
    public static let summary = "abuse.ch URLhaus CSV dump (csv, csv_recent, csv_online): malware download URLs"

    /// The documented column order of the current dumps.
    static let defaultColumns = FeedColumns(
        ["id", "dateadded", "url", "url_status", "last_online", "threat", "tags", "urlhaus_link", "reporter"])

    /// The columns in force: from the `# id,…` comment when the dump has one.
    private var columns = URLhausFormat.defaultColumns

    /// Takes no options.
    public init(options: FeedOptions = [:]) throws(FeedOptionsError) {}

    /// Reads one line: a comment (perhaps naming the columns), a blank line or a URL row.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        records.append(itemOf: { () throws(FeedRejection) in try item(line) })
    }

    /// The item of one line; nil for comments, headers and blank lines.
    private mutating func item(_ line: Line) throws(FeedRejection) -> FeedItem? {
        let text = OneValuePerLine.trimmed(try PublicFeedFields.text(of: line))
        let location = FeedLocation(line: line.number)
        if text.isEmpty { return nil }
        if text.first == "#" {
            let comment = OneValuePerLine.trimmed(text.dropFirst())
            if comment.hasPrefix("id,"), let header = try? CSVFields.split(comment) {
                columns = FeedColumns(header: header)
            }
            return nil
        }
        let fields = try PublicFeedFields.csv(text, at: location)
        if fields.first == "id" {
            columns = FeedColumns(header: fields)
            return nil
        }
        let row = try columns.row(fields, at: location)
        let value = try FeedValue.parse(row["url"], as: .url, at: location, field: "url").get()
        let firstSeen = try PublicFeedFields.time(row["dateadded"], field: "dateadded", at: location)
        let lastSeen = try PublicFeedFields.time(row["last_online"], field: "last_online", at: location)
        let threat = row["threat"]
        let status = row["url_status"]
        let reporter = row["reporter"]
        return FeedItem(
            value: value,
            threatType: threat == "malware_download" ? .malwareDistribution : nil,
            tags: PublicFeedFields.tags(row["tags"]),
            itemID: row["id"].isEmpty ? nil : String(row["id"]),
            firstSeen: firstSeen,
            lastSeen: lastSeen,
            description: PublicFeedFields.description([
                status.isEmpty ? String(threat) : "\(threat) (\(status))",
                String(row["urlhaus_link"]),
                reporter.isEmpty ? "" : "reporter \(reporter)",
            ]),
            location: location)
    }
}
