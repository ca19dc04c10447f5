import VigilCore

/// OpenPhish Community Phishing Feed (`https://openphish.com/feed.txt`): one phishing URL per line,
/// nothing else. Threat type `phishing`. Blank lines and `#` lines are skipped; a value that is not
/// an http, https or ftp URL is rejected in field `value`.
public struct OpenPhishFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "openphish"
    /// One sentence for `--help` and the README.
    public static let summary = "OpenPhish community feed (feed.txt): one phishing URL per line"

    /// Takes no options.
    public init(options: FeedOptions) throws(FeedOptionsError) {}

    /// Reads one line: a URL, a blank line or a comment.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        OneValuePerLine.read(line, into: &records, type: { _ in .url }) { value, location in
            FeedItem(value: value, threatType: .phishing, location: location)
        }
    }
}
