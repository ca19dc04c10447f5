import Foundation
import VigilCore

/// abuse.ch ThreatFox JSON export (`https://threatfox.abuse.ch/export/json/recent/`, `…/full/`; listed
/// at `https://threatfox.abuse.ch/export/`, fields as in `https://threatfox.abuse.ch/api/`): one JSON
/// object keyed by IOC id, each value an array holding one object with `ioc_value`, `ioc_type`,
/// `threat_type`, `malware`, `malware_alias`, `malware_printable`, `first_seen_utc`, `last_seen_utc`,
/// `confidence_level`, `reference`, `tags` (comma-separated string or null), `anonymous`, `reporter`.
///
/// A document format read member by member as lines arrive (`JSONObjectStream`): memory is bounded
/// by one member and a broken member costs only itself; `finish` reports a truncated document.
/// Each object becomes an item with item id and location object id = the IOC id (and the line the
/// id is on). `ioc_type`: `ip:port` → `ipv4` or `ipv6` of the host part (`192.0.2.1:443`,
/// `[2001:db8::1]:443`; the port goes to the description), `domain`, `url`, `md5_hash`,
/// `sha1_hash`, `sha256_hash`; any other type is rejected in field `ioc_type`. `threat_type`:
/// `botnet_cc` → `c2`, `payload_delivery` and `payload` → `malware-distribution`, `cc_skimming` →
/// `other`, anything else left to the source's mapping. Confidence = `confidence_level` (0–100).
public struct ThreatFoxFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "threatfox-json"
    /// One sentence for `--help` and the README.
    public static let summary = "abuse.ch ThreatFox JSON export (recent/full): IOCs keyed by id with type, threat, malware, times"

    /// The member splitter.
    private var stream = JSONObjectStream()

    /// Takes no options.
    public init(options: FeedOptions = [:]) throws(FeedOptionsError) {}

    /// Reads one line; members completed by it become records.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        var pieces: [JSONObjectStream.Piece] = []
        stream.read(line, into: &pieces)
        Self.map(pieces, into: &records)
    }

    /// Reports a truncated document.
    public mutating func finish(into records: inout [FeedRecord]) {
        var pieces: [JSONObjectStream.Piece] = []
        stream.finish(into: &pieces)
        Self.map(pieces, into: &records)
    }

    private static func map(_ pieces: [JSONObjectStream.Piece], into records: inout [FeedRecord]) {
        for piece in pieces {
            switch piece {
            case .rejection(let rejection): records.append(.rejection(rejection))
            case .member(let member): read(member, into: &records)
            }
        }
    }

    /// The records of one member `"id": [ {…} ]`.
    static func read(_ member: JSONObjectStream.Member, into records: inout [FeedRecord]) {
        let location = FeedLocation(line: member.line, objectID: member.key)
        func reject(_ reason: String) { records.append(.rejection(FeedRejection(location: location, reason: reason))) }
        if let damage = member.damage { return reject(damage) }
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(member.json), options: [.fragmentsAllowed]) else {
            return reject("value is not valid JSON")
        }
        let objects = parsed as? [Any] ?? [parsed]
        if objects.isEmpty { return reject("holds no IOC object") }
        for object in objects {
            guard let fields = object as? [String: Any] else {
                reject("expected an IOC object")
                continue
            }
            do {
                records.append(.item(try item(fields, id: member.key, at: location)))
            } catch {
                records.append(.rejection(error))
            }
        }
    }

    /// The item of one IOC object.
    static func item(_ object: [String: Any], id: String, at location: FeedLocation) throws(FeedRejection) -> FeedItem {
        func text(_ key: String) -> String {
            (object[key] as? String).map { String(OneValuePerLine.trimmed(Substring($0))) } ?? ""
        }
        let iocType = text("ioc_type")
        var raw = Substring(text("ioc_value"))
        guard !raw.isEmpty else { throw FeedRejection(location: location, field: "ioc_value", reason: "missing ioc_value") }
        var port: Substring?
        let type: IndicatorType
        switch iocType {
        case "ip:port":
            (raw, port) = try hostAndPort(raw, at: location)
            type = raw.contains(":") ? .ipv6 : .ipv4
        case "domain": type = .domain
        case "url": type = .url
        case "md5_hash": type = .md5
        case "sha1_hash": type = .sha1
        case "sha256_hash": type = .sha256
        default:
            throw FeedRejection(location: location, field: "ioc_type", reason: "unsupported ioc_type \"\(iocType.prefix(40))\"")
        }
        let value = try FeedValue.parse(raw, as: type, at: location, field: "ioc_value").get()
        let firstSeen = try PublicFeedFields.time(text("first_seen_utc"), field: "first_seen_utc", at: location)
        let lastSeen = try PublicFeedFields.time(text("last_seen_utc"), field: "last_seen_utc", at: location)
        let confidence = try confidenceLevel(object["confidence_level"], at: location)
        let tags = (object["tags"] as? [String])?.joined(separator: ",") ?? text("tags")
        let threat = text("threat_type")
        let malware = text("malware_printable")
        let family = text("malware")
        return FeedItem(
            value: value, threatType: threatTypes[threat], tags: PublicFeedFields.tags(tags), confidence: confidence,
            itemID: id, firstSeen: firstSeen, lastSeen: lastSeen,
            description: PublicFeedFields.description([
                family.isEmpty || family == malware ? malware : "\(malware) (\(family))", threat,
                port.map { "port \($0)" } ?? "", text("reference").isEmpty ? "" : "reference \(text("reference"))",
            ]),
            location: location)
    }

    /// ThreatFox threat types with a taxonomy equivalent.
    static let threatTypes: [String: ThreatType] = [
        "botnet_cc": .c2, "payload_delivery": .malwareDistribution, "payload": .malwareDistribution, "cc_skimming": .other,
    ]

    /// Host and port of `192.0.2.1:443` or `[2001:db8::1]:443`.
    static func hostAndPort(_ text: Substring, at location: FeedLocation) throws(FeedRejection) -> (Substring, Substring) {
        var host: Substring?, port: Substring?
        if text.first == "[", let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.first == ":" { port = rest.dropFirst() }
        } else if let colon = text.lastIndex(of: ":") {
            (host, port) = (text[..<colon], text[text.index(after: colon)...])
        }
        guard let host, let port, !host.isEmpty, let number = Int(port), (0...65_535).contains(number) else {
            throw FeedRejection(location: location, field: "ioc_value", reason: "\"\(text.prefix(60))\" is not IP:port")
        }
        return (host, port)
    }

    /// `confidence_level`, 0–100, or nil when absent.
    static func confidenceLevel(_ value: Any?, at location: FeedLocation) throws(FeedRejection) -> Int? {
        guard let value, !(value is NSNull) else { return nil }
        if let number = value as? Int ?? (value as? String).flatMap({ Int($0) }), (0...100).contains(number) { return number }
        let shown = String(describing: value).prefix(40)
        throw FeedRejection(location: location, field: "confidence_level", reason: "\"\(shown)\" is not a number from 0 to 100")
    }
}
