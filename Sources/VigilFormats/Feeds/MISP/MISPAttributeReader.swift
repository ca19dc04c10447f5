import VigilCore

/// Attributes a MISP import did not turn into indicators, and why (each attribute counts once).
public struct MISPSkippedAttributes: Sendable, Equatable {
    /// Attributes with `to_ids` false or absent: context, not meant for detection.
    public var notForIDS = 0
    /// Attributes marked `deleted`.
    public var deleted = 0
    /// Attributes whose type Vigil does not import (`link`, `comment`, `filename`, `yara`…), by type.
    public var unsupportedTypes: [String: Int] = [:]

    /// Creates an empty count.
    public init() {}

    /// All skipped attributes.
    public var total: Int { notForIDS + deleted + unsupportedTypes.values.reduce(0, +) }
}

/// Turns MISP attributes into records (see `MISPFormat` for the mapping).
struct MISPAttributeReader {
    /// Event-level context shared by the event's attributes.
    struct Event {
        /// The event's tags.
        var tags: MISPTags
        /// `info`, the event's summary.
        var info: String?
        /// The event uuid, for locations of attributes without one.
        var uuid: String
    }

    private(set) var skipped = MISPSkippedAttributes()

    /// How each supported attribute type splits into indicator values.
    private enum Shape {
        /// The whole value, as an address/network (`ip`) or a fixed type.
        case ip, fixed(IndicatorType)
        /// `a|b`: the part before the last `|` as an address (`ip-dst|port`) or domain (`hostname|port`).
        case ipBeforeBar, domainBeforeBar
        /// `filename|hash`: the part after the last `|`.
        case afterBar(IndicatorType)
        /// `domain|ip`: both parts.
        case domainAndIP
    }

    private static let shapes: [String: Shape] = [
        "ip-src": .ip, "ip-dst": .ip, "ip-src|port": .ipBeforeBar, "ip-dst|port": .ipBeforeBar,
        "domain": .fixed(.domain), "hostname": .fixed(.domain), "hostname|port": .domainBeforeBar, "domain|ip": .domainAndIP,
        "url": .fixed(.url), "email": .fixed(.email), "email-src": .fixed(.email), "email-dst": .fixed(.email),
        "md5": .fixed(.md5), "sha1": .fixed(.sha1), "sha256": .fixed(.sha256),
        "filename|md5": .afterBar(.md5), "filename|sha1": .afterBar(.sha1), "filename|sha256": .afterBar(.sha256),
        "AS": .fixed(.asn),
    ]

    /// Reads one attribute; `path` names it when it has no uuid (`Attribute[3]`).
    mutating func read(_ value: Any, path: String, event: Event, into records: inout [FeedRecord]) {
        guard let attribute = LooseJSON.object(value) else {
            records.append(.rejection(FeedRejection(
                location: FeedLocation(objectID: "\(event.uuid)/\(path)"), reason: "expected an object, found \(LooseJSON.kind(value))")))
            return
        }
        let uuid = LooseJSON.text(attribute["uuid"])
        let location = FeedLocation(objectID: uuid ?? "\(event.uuid)/\(path)")
        do throws(FeedRejection) {
            try read(attribute, uuid: uuid, event: event, at: location, into: &records)
        } catch {
            records.append(.rejection(error))
        }
    }

    private mutating func read(
        _ attribute: [String: Any], uuid: String?, event: Event, at location: FeedLocation, into records: inout [FeedRecord]
    ) throws(FeedRejection) {
        func reject(_ field: String, _ reason: String) -> FeedRejection {
            FeedRejection(location: location, field: field, reason: reason)
        }
        if LooseJSON.bool(attribute["deleted"]) == true {
            skipped.deleted += 1
            return
        }
        guard let type = LooseJSON.text(attribute["type"]) else {
            throw reject("type", "expected the attribute type, found \(LooseJSON.kind(attribute["type"]))")
        }
        guard let shape = Self.shapes[type] else {
            skipped.unsupportedTypes[type, default: 0] += 1
            return
        }
        if let flag = attribute["to_ids"], !LooseJSON.isNull(flag) {
            guard let toIDS = LooseJSON.bool(flag) else { throw reject("to_ids", "expected a boolean, found \(LooseJSON.kind(flag))") }
            guard toIDS else {
                skipped.notForIDS += 1
                return
            }
        } else {
            skipped.notForIDS += 1
            return
        }
        guard let text = LooseJSON.string(attribute["value"]) else {
            throw reject("value", "expected a string, found \(LooseJSON.kind(attribute["value"]))")
        }
        let tags = MISPTags(attribute["Tag"]).overriding(event.tags)
        var firstSeen: Int64?, lastSeen: Int64?
        for key in ["first_seen", "last_seen", "timestamp"] {
            guard let raw = attribute[key], !LooseJSON.isNull(raw) else { continue }
            if let string = LooseJSON.string(raw), string.feedTrimmed().isEmpty { continue }
            let millis: Int64
            switch LooseJSON.time(raw) {
            case .success(let value): millis = value
            case .failure(let problem): throw reject(key, problem.reason)
            }
            switch key {
            case "first_seen": firstSeen = millis
            case "last_seen": lastSeen = millis
            default: lastSeen = lastSeen ?? millis
            }
        }
        let comment = LooseJSON.text(attribute["comment"])
        let description = [event.info, comment].compactMap { $0 }.joined(separator: ": ")
        for (raw, valueType) in try Self.values(text, shape: shape, reject: reject) {
            records.append(FeedValue.record(raw, as: valueType, at: location) { value in
                FeedItem(value: value, threatType: tags.threatType, tags: tags.tags, tlp: tags.tlp, itemID: uuid,
                         firstSeen: firstSeen, lastSeen: lastSeen, description: description.isEmpty ? nil : description,
                         location: location)
            })
        }
    }

    /// The raw values and their types in an attribute value of `shape`.
    private static func values(
        _ text: String, shape: Shape, reject: (String, String) -> FeedRejection
    ) throws(FeedRejection) -> [(Substring, IndicatorType)] {
        func ipType(_ part: Substring) -> IndicatorType {
            part.contains(":") ? (part.contains("/") ? .cidr6 : .ipv6) : (part.contains("/") ? .cidr4 : .ipv4)
        }
        let whole = Substring(text)
        guard case let bar? = text.lastIndex(of: "|") else {
            switch shape {
            case .ip: return [(whole, ipType(whole))]
            case .fixed(let type): return [(whole, type)]
            default: throw reject("value", "expected two parts separated by '|'")
            }
        }
        let before = text[..<bar], after = text[text.index(after: bar)...]
        switch shape {
        case .ip: return [(whole, ipType(whole))]
        case .fixed(let type): return [(whole, type)]
        case .ipBeforeBar: return [(before, ipType(before))]
        case .domainBeforeBar: return [(before, .domain)]
        case .afterBar(let type): return [(after, type)]
        case .domainAndIP: return [(before, .domain), (after, ipType(after))]
        }
    }
}
