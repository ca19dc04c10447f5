import Foundation
import VigilCore

/// Spamhaus DROP / EDROP / DROPv6 (`https://www.spamhaus.org/drop/`; FAQ at
/// `https://www.spamhaus.org/faqs/do-not-route-or-peer-drop/`), in both published forms:
///
/// - text (`drop.txt`, `edrop.txt`, `dropv6.txt`): `;` comment lines, then `CIDR ; SBLnnnn` lines;
/// - JSON lines (`drop_v4.json`, `drop_v6.json`): `{"cidr":"…","sblid":"…","rir":"…"}` per line and a
///   final `{"type":"metadata",…}` line, which is skipped.
///
/// Each netblock becomes a `cidr4` or `cidr6` item (an IPv6 network when it has a colon), item id =
/// the SBL id, description = SBL id and registry. Threat type `other`: Spamhaus describes DROP as
/// netblocks hijacked or leased by spam *or* cyber-crime operations (malware, botnet controllers)
/// and advises dropping all traffic to and from them, so `spam` would understate them and keep
/// them out of blocklists whose policy is not about mail. A bad netblock is rejected (field
/// `cidr`); a JSON line that does not parse, or lacks `cidr`, is rejected too.
public struct SpamhausDropFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "spamhaus-drop"
    /// One sentence for `--help` and the README.
    public static let summary = "Spamhaus DROP/EDROP/DROPv6 netblocks, text (CIDR ; SBL id) or JSON lines (drop_v4.json)"

    /// Takes no options.
    public init(options: FeedOptions = [:]) throws(FeedOptionsError) {}

    /// Reads one line: a `;` comment, a blank line, a text netblock line or a JSON line.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        records.append(itemOf: { () throws(FeedRejection) in try Self.item(line) })
    }

    /// The item of one line; nil for comments, blank lines and the metadata line.
    static func item(_ line: Line) throws(FeedRejection) -> FeedItem? {
        let text = OneValuePerLine.trimmed(try PublicFeedFields.text(of: line))
        let location = FeedLocation(line: line.number)
        if text.isEmpty || text.first == ";" { return nil }
        var cidr: Substring
        var sblID = Substring("")
        var registry = ""
        if text.first == "{" {
            guard let object = try jsonObject(text, at: location) else { return nil }
            guard let value = object["cidr"] as? String else {
                throw FeedRejection(location: location, field: "cidr", reason: "JSON line has no \"cidr\" string")
            }
            cidr = Substring(value)
            sblID = Substring(object["sblid"] as? String ?? "")
            registry = object["rir"] as? String ?? ""
        } else if let semicolon = text.firstIndex(of: ";") {
            cidr = OneValuePerLine.trimmed(text[..<semicolon])
            sblID = OneValuePerLine.trimmed(text[text.index(after: semicolon)...])
        } else {
            cidr = text
        }
        let type: IndicatorType = cidr.contains(":") ? .cidr6 : .cidr4
        let value = try FeedValue.parse(cidr, as: type, at: location, field: "cidr").get()
        sblID = OneValuePerLine.trimmed(sblID)
        return FeedItem(
            value: value,
            threatType: .other,
            itemID: sblID.isEmpty ? nil : String(sblID),
            description: PublicFeedFields.description([
                sblID.isEmpty ? "Spamhaus DROP" : "Spamhaus DROP \(sblID)",
                registry.isEmpty ? "" : "registry \(registry.lowercased())",
            ]),
            location: location)
    }

    /// The object of a JSON line; nil for the metadata line.
    private static func jsonObject(_ text: Substring, at location: FeedLocation) throws(FeedRejection) -> [String: Any]? {
        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let object = parsed as? [String: Any] else {
            throw FeedRejection(location: location, reason: "line is not a complete JSON object")
        }
        if object["type"] as? String == "metadata" { return nil }
        return object
    }
}
