import VigilCore

/// blocklist.de export lists (`https://lists.blocklist.de/lists/all.txt`, `ssh.txt`, `mail.txt`…):
/// one IPv4 or IPv6 address per line, the attackers reported in the last 48 hours.
///
/// Threat type `scanner` unless the source sets option `threat_type` (a taxonomy name, e.g.
/// `threat_type: spam` for `mail.txt`). Blank lines and `#` lines are skipped; anything that is
/// not a single address (a CIDR, a host name) is rejected in field `value`.
public struct BlocklistDeFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "blocklist-de"
    /// One sentence for `--help` and the README.
    public static let summary = "blocklist.de export list (all.txt, ssh.txt…): one IPv4 or IPv6 address per line"

    /// The threat type given to every address.
    public let threatType: ThreatType

    /// Options: `threat_type` (default `scanner`).
    public init(options: FeedOptions) throws(FeedOptionsError) {
        if let raw = options["threat_type"] {
            do { threatType = try ThreatType(parsing: raw) } catch {
                throw FeedOptionsError(option: "threat_type", message: error.description)
            }
        } else {
            threatType = .scanner
        }
    }

    /// Reads one line: an address, a blank line or a comment.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        let threat = threatType
        OneValuePerLine.read(line, into: &records, type: OneValuePerLine.ipAddressType) { value, location in
            FeedItem(value: value, threatType: threat, location: location)
        }
    }
}
