import VigilCore

/// Emerging Threats (Proofpoint) compromised hosts list
/// (`https://rules.emergingthreats.net/blockrules/compromised-ips.txt`): one IPv4 address per line.
/// Threat type `compromised`. Blank lines and `#` lines are skipped; anything that is not a single
/// IPv4 address is rejected in field `value`.
public struct EmergingThreatsCompromisedFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "et-compromised"
    /// One sentence for `--help` and the README.
    public static let summary = "Emerging Threats compromised-ips.txt: one IPv4 address per line"

    /// Takes no options.
    public init(options: FeedOptions) throws(FeedOptionsError) {}

    /// Reads one line: an address, a blank line or a comment.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        OneValuePerLine.read(line, into: &records, type: { _ in .ipv4 }) { value, location in
            FeedItem(value: value, threatType: .compromised, location: location)
        }
    }
}
