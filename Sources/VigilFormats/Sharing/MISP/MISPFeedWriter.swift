import Crypto
import VigilCore

/// One indicator for a MISP feed.
public struct MISPExportAttribute: Sendable {
    public var id: String
    public var value: IndicatorValue
    public var tlp: TLP
    public var threatType: String
    public var toIDS: Bool
    public var comment: String
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var tags: [String]

    /// An attribute.
    public init(
        id: String, value: IndicatorValue, tlp: TLP, threatType: String, toIDS: Bool, comment: String, firstSeen: Int64,
        lastSeen: Int64, tags: [String]
    ) {
        self.id = id
        self.value = value
        self.tlp = tlp
        self.threatType = threatType
        self.toIDS = toIDS
        self.comment = comment
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.tags = tags
    }
}

/// Writes a MISP feed: one event per (threat type, TLP) holding its attributes, `manifest.json`
/// describing every event, and `hashes.csv` (MD5 of each value, event uuid), as MISP's own feed
/// export lays them out. Event and attribute uuids derive from Vigil's ids, so a feed rebuilt
/// later updates the same events.
public struct MISPFeedWriter {
    private struct Event {
        var uuid: String
        var threatType: String
        var tlp: TLP
        var attributes = JSONWriter()
        var hashes: [String] = []
        var count = 0
    }

    private let producer: String
    private let producerUUID: String
    private let now: Int64
    private let singleEvent: Bool
    private var events: [String: Event] = [:]

    /// An empty feed by `producer` (the CERT's organisation), dated `now`; with `singleEvent`, one
    /// event holds every attribute (tagged with the most restrictive TLP among them).
    public init(producer: String, now: Int64, singleEvent: Bool = false) {
        self.producer = producer
        self.now = now
        self.singleEvent = singleEvent
        producerUUID = Self.uuid("organisation:" + producer)
    }

    /// The single event as MISP event JSON (`{"Event": …}`), for `singleEvent` writers.
    public func eventJSON() throws -> [UInt8] {
        try files().first { $0.name.hasSuffix(".json") && $0.name != "manifest.json" }?.bytes
            ?? Array("{\"Event\":{\"info\":\"Vigil: nothing to share\",\"Attribute\":[]}}".utf8)
    }

    /// Adds an attribute to its event. TLP:RED never gets here (the caller's profile stops it).
    public mutating func add(_ a: MISPExportAttribute) {
        precondition(a.tlp != .red, "TLP:RED never leaves Vigil")
        let key = singleEvent ? "all" : "\(a.threatType)|\(a.tlp.rawValue)"
        // Taken out of the dictionary while it grows, so its buffer is not copied on every add.
        var event = events.removeValue(forKey: key) ?? Event(uuid: Self.uuid("event:" + key + "@" + producer), threatType: singleEvent ? "all" : a.threatType, tlp: a.tlp)
        event.tlp = max(event.tlp, a.tlp)
        let (type, category) = Self.attributeType(a.value.type)
        let value = a.value.type == .asn ? String(a.value.canonical.dropFirst(2)) : a.value.canonical
        // Each attribute is written as a top-level value of its own: the separator is ours.
        if event.count > 0 { event.attributes.bytes.append(0x2C) }
        let w = { (body: (inout JSONWriter) -> Void) in body(&event.attributes) }
        w { w in
            w.beginObject()
            w.field("uuid", Self.uuid("attribute:" + a.id))
            w.field("type", type)
            w.field("category", category)
            w.field("value", value)
            w.field("to_ids", a.toIDS)
            w.field("comment", a.comment)
            w.field("timestamp", String(now / 1000))
            w.field("first_seen", Self.time(a.firstSeen))
            w.field("last_seen", Self.time(max(a.lastSeen, a.firstSeen)))
            w.field("distribution", "5")
            w.key("Tag")
            w.beginArray()
            for tag in [Self.tlpTag(a.tlp)] + (a.value.type == .domainSuffix ? ["vigil:with-subdomains"] : []) + a.tags.prefix(20) {
                w.beginObject()
                w.field("name", tag)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        event.hashes.append(Self.md5(value))
        event.count += 1
        events[key] = event
    }

    /// The feed's files by name: every `<uuid>.json`, `manifest.json` and `hashes.csv`.
    public func files() throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        var manifest = JSONWriter()
        manifest.beginObject()
        var hashes: [UInt8] = []
        for event in events.values.sorted(by: { $0.uuid < $1.uuid }) {
            let info = "Vigil: \(event.threatType) indicators (TLP:\(event.tlp.rawValue))"
            var file = JSONWriter()
            file.beginObject()
            file.key("Event")
            file.beginObject()
            header(&file, event, info: info)
            file.field("published", true)
            file.field("publish_timestamp", String(now / 1000))
            file.field("distribution", "3")
            file.key("Attribute")
            file.beginArray()
            var bytes = file.bytes
            bytes += event.attributes.bytes
            bytes += Array("]}}".utf8)
            files.append((event.uuid + ".json", bytes))
            manifest.key(event.uuid)
            manifest.beginObject()
            header(&manifest, event, info: info)
            manifest.endObject()
            for hash in event.hashes { hashes += Array("\(hash),\(event.uuid)\n".utf8) }
        }
        manifest.endObject()
        files.append(("manifest.json", manifest.bytes))
        files.append(("hashes.csv", hashes))
        return files
    }

    private func header(_ w: inout JSONWriter, _ event: Event, info: String) {
        w.field("uuid", event.uuid)
        w.field("info", info)
        w.field("date", String(CivilDate.rfc3339(millis: now).prefix(10)))
        w.field("timestamp", String(now / 1000))
        w.field("analysis", "2")
        w.field("threat_level_id", "3")
        w.key("Orgc")
        w.beginObject()
        w.field("name", producer)
        w.field("uuid", producerUUID)
        w.endObject()
        w.key("Tag")
        w.beginArray()
        w.beginObject()
        w.field("name", Self.tlpTag(event.tlp))
        w.endObject()
        w.endArray()
    }

    /// MISP's attribute type and category for an indicator type.
    static func attributeType(_ type: IndicatorType) -> (String, String) {
        switch type {
        case .ipv4, .ipv6, .cidr4, .cidr6: ("ip-dst", "Network activity")
        case .domain, .domainSuffix: ("domain", "Network activity")
        case .url: ("url", "Network activity")
        case .email: ("email-src", "Payload delivery")
        case .md5: ("md5", "Payload delivery")
        case .sha1: ("sha1", "Payload delivery")
        case .sha256: ("sha256", "Payload delivery")
        case .asn: ("AS", "Network activity")
        }
    }

    /// MISP's TLP tag (`tlp:clear`, `tlp:amber+strict`…).
    static func tlpTag(_ tlp: TLP) -> String { "tlp:" + tlp.rawValue.lowercased() }

    static func time(_ millis: Int64) -> String {
        String(CivilDate.rfc3339(millis: millis).dropLast()) + ".000000+00:00"
    }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    static func uuid(_ name: String) -> String { STIXIdentifier.uuid(name) }
}
