import VigilCore

/// One indicator to export.
public struct STIXExportIndicator: Sendable {
    /// Vigil's id (the STIX id is derived from it, so re-exports are versions of one object).
    public var id: String
    public var value: IndicatorValue
    public var tlp: TLP
    public var threatType: String
    public var confidence: Int
    public var description: String
    /// Unix milliseconds.
    public var created: Int64
    public var modified: Int64
    public var validFrom: Int64
    public var validUntil: Int64?
    /// Delisted (false positive, revoked, allowlisted): exported as a revoked version.
    public var revoked: Bool
    public var tags: [String]
    /// The sources that reported it (each becomes an identity and a report listing its indicators).
    public var sources: [String]

    /// An indicator.
    public init(
        id: String, value: IndicatorValue, tlp: TLP, threatType: String, confidence: Int, description: String,
        created: Int64, modified: Int64, validFrom: Int64, validUntil: Int64?, revoked: Bool, tags: [String],
        sources: [String] = []
    ) {
        self.sources = sources
        self.id = id
        self.value = value
        self.tlp = tlp
        self.threatType = threatType
        self.confidence = confidence
        self.description = description
        self.created = created
        self.modified = modified
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revoked = revoked
        self.tags = tags
    }
}

/// Writes a STIX 2.1 bundle as it goes (`flush` gets the bytes every few megabytes), so a million
/// indicators never sit in memory as objects: the producer's identity, the TLP 2.0 marking
/// definitions in use, and per indicator the indicator (with pattern, validity, confidence,
/// `revoked` when delisted), its observable with a deterministic id and a `based-on` relationship.
public struct STIXBundleWriter {
    private var writer = JSONWriter()
    private let flush: ([UInt8]) throws -> Void
    private let producerID: String
    private let now: Int64
    private var markingsWritten = Set<TLP>()
    private var observablesWritten = Set<String>()
    /// Per source: the indicators it reported, with the most restrictive TLP among them.
    private var bySource: [String: (ids: [String], tlp: TLP, changed: Int64)] = [:]
    /// Objects written so far.
    public private(set) var objectCount = 0

    /// Starts the bundle; the producer (the CERT) is written first.
    public init(producer: String, bundleName: String, now: Int64, flush: @escaping ([UInt8]) throws -> Void) {
        self.flush = flush
        self.now = now
        producerID = STIXIdentifier.produced(type: "identity", name: "organisation:" + producer)
        writer.beginObject()
        writer.field("type", "bundle")
        writer.field("id", STIXIdentifier.produced(type: "bundle", name: "\(bundleName)@\(now)"))
        writer.key("objects")
        writer.beginArray()
        // A fixed time: the producer does not change from one export to the next, so neither may
        // its version (TAXII collections would otherwise get a new identity version each time).
        object("identity", id: producerID, created: Self.producerEpoch, modified: Self.producerEpoch) { w in
            w.field("name", producer)
            w.field("identity_class", "organization")
        }
    }

    /// `created` and `modified` of the producer's identity: 2020-01-01.
    static let producerEpoch: Int64 = 1_577_836_800_000

    /// The STIX id an indicator with Vigil id `id` gets.
    public static func indicatorID(_ id: String) -> String { STIXIdentifier.produced(type: "indicator", name: "indicator:" + id) }

    /// Writes one indicator with its observable and relationship.
    public mutating func add(_ indicator: STIXExportIndicator) throws {
        let marking = try marking(indicator.tlp)
        let id = Self.indicatorID(indicator.id), producerID = self.producerID
        object("indicator", id: id, created: indicator.created, modified: indicator.modified, marking: marking) { w in
            w.field("created_by_ref", producerID)
            w.field("name", indicator.value.canonical)
            w.field("description", indicator.description.isEmpty
                ? "\(indicator.threatType) \(indicator.value.type.rawValue) reported to \(indicator.tlp.rawValue) recipients"
                : indicator.description)
            w.field("indicator_types", strings: ["malicious-activity"])
            w.field("pattern", STIXObservable.pattern(indicator.value))
            w.field("pattern_type", "stix")
            w.field("pattern_version", "2.1")
            w.field("valid_from", Self.timestamp(indicator.validFrom))
            if let until = indicator.validUntil, until > indicator.validFrom { w.field("valid_until", Self.timestamp(until)) }
            w.field("confidence", max(0, min(100, indicator.confidence)))
            w.field("labels", strings: [indicator.threatType] + indicator.tags.filter { !$0.isEmpty }.prefix(20))
            if indicator.revoked { w.field("revoked", true) }
        }
        for source in indicator.sources {
            let entry = bySource[source] ?? ([], .clear, 0)
            bySource[source] = (entry.ids + [id], max(entry.tlp, indicator.tlp), max(entry.changed, indicator.modified))
        }
        let observable = STIXObservable.id(indicator.value)
        if observablesWritten.insert(observable).inserted {
            let (type, write) = STIXObservable.object(indicator.value)
            writer.beginObject()
            writer.field("type", type)
            writer.field("spec_version", "2.1")
            writer.field("id", observable)
            write(&writer)
            writer.field("object_marking_refs", strings: [marking])
            writer.endObject()
            objectCount += 1
        }
        object("relationship", id: STIXIdentifier.produced(type: "relationship", name: id + observable),
               created: indicator.created, modified: indicator.modified, marking: marking) { w in
            w.field("relationship_type", "based-on")
            w.field("source_ref", id)
            w.field("target_ref", observable)
        }
        try flushIfLarge()
    }

    /// Writes a sighting of an exported indicator (`clients`: what the gate lets through, in an
    /// `x_vigil_clients` property; none when empty).
    public mutating func addSighting(
        indicatorID: String, tlp: TLP, count: Int64, firstSeen: Int64, lastSeen: Int64, observer: String, clients: [String]
    ) throws {
        let marking = try marking(tlp)
        let id = STIXIdentifier.produced(type: "sighting", name: "sighting:\(indicatorID):\(observer):\(firstSeen)")
        let producerID = self.producerID
        object("sighting", id: id, created: firstSeen, modified: lastSeen, marking: marking) { w in
            w.field("created_by_ref", producerID)
            w.field("description", "seen by \(observer)")
            w.field("sighting_of_ref", Self.indicatorID(indicatorID))
            w.field("count", Int(min(count, 999_999_999)))
            w.field("first_seen", Self.timestamp(firstSeen))
            w.field("last_seen", Self.timestamp(max(lastSeen, firstSeen)))
            w.field("where_sighted_refs", strings: [producerID])
            if !clients.isEmpty { w.field("x_vigil_clients", strings: clients) }
        }
        try flushIfLarge()
    }

    /// Closes the bundle and hands over the last bytes. Each source gets an identity (a system)
    /// and a report listing the indicators it reported, marked with the most restrictive TLP
    /// among them.
    public mutating func finish() throws {
        let producerID = self.producerID
        for (source, entry) in bySource.sorted(by: { $0.key < $1.key }) {
            let marking = try marking(entry.tlp)
            let sourceID = STIXIdentifier.produced(type: "identity", name: "source:" + source)
            object("identity", id: sourceID, created: Self.producerEpoch, modified: Self.producerEpoch) { w in
                w.field("name", source)
                w.field("identity_class", "system")
                w.field("description", "an indicator source of the producer")
            }
            // Dated by its newest indicator, so that an unchanged report keeps its version.
            object("report", id: STIXIdentifier.produced(type: "report", name: "report:" + source), created: entry.changed,
                   modified: entry.changed, marking: marking) { w in
                w.field("created_by_ref", producerID)
                w.field("name", "Indicators from \(source)")
                w.field("description", "The indicators this export holds that the source \(source) reported")
                w.field("report_types", strings: ["threat-report"])
                w.field("published", Self.timestamp(entry.changed))
                w.field("object_refs", strings: [sourceID] + entry.ids)
            }
            try flushIfLarge()
        }
        writer.endArray()
        writer.endObject()
        try flush(writer.bytes)
        writer.bytes = []
    }

    /// STIX timestamps: RFC 3339 UTC with milliseconds.
    public static func timestamp(_ millis: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        CivilDate.appendRFC3339(millis: millis, to: &bytes)
        let fraction = Int(((millis % 1000) + 1000) % 1000)
        bytes.removeLast()
        bytes += [0x2E, 0x30 + UInt8(fraction / 100), 0x30 + UInt8(fraction / 10 % 10), 0x30 + UInt8(fraction % 10), 0x5A]
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func marking(_ tlp: TLP) throws -> String {
        guard tlp != .red else { throw STIXExportError.redNeverLeaves }
        let id = STIXTLPMarking.tlp2IDs[tlp]!
        if markingsWritten.insert(tlp).inserted {
            let label = tlp.rawValue.lowercased()
            writer.beginObject()
            writer.field("type", "marking-definition")
            writer.field("spec_version", "2.1")
            writer.field("id", id)
            writer.field("created", "2022-10-01T00:00:00.000Z")
            writer.field("name", "TLP:" + tlp.rawValue)
            writer.key("extensions")
            writer.beginObject()
            writer.key("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d")
            writer.beginObject()
            writer.field("extension_type", "property-extension")
            writer.field("tlp_2_0", label)
            writer.endObject()
            writer.endObject()
            writer.endObject()
            objectCount += 1
        }
        return id
    }

    private mutating func object(
        _ type: String, id: String, created: Int64, modified: Int64, marking: String? = nil, _ body: (inout JSONWriter) -> Void
    ) {
        writer.beginObject()
        writer.field("type", type)
        writer.field("spec_version", "2.1")
        writer.field("id", id)
        let createdTime = Self.timestamp(created == 0 ? now : created)
        let modifiedAt = max(modified == 0 ? now : modified, created == 0 ? now : created)
        writer.field("created", createdTime)
        writer.field("modified", modifiedAt == (created == 0 ? now : created) ? createdTime : Self.timestamp(modifiedAt))
        body(&writer)
        if let marking { writer.field("object_marking_refs", strings: [marking]) }
        writer.endObject()
        objectCount += 1
    }

    private mutating func flushIfLarge() throws {
        if writer.bytes.count > 4 << 20 {
            try flush(writer.bytes)
            writer.bytes.removeAll(keepingCapacity: true)
        }
    }
}

/// Why an export stopped.
public enum STIXExportError: Error, Sendable, CustomStringConvertible {
    /// A TLP:RED object reached the writer: a bug upstream, never written.
    case redNeverLeaves

    public var description: String { "a TLP:RED object reached an export; TLP:RED never leaves Vigil" }
}
