import VigilCore

/// Where in a feed a record came from: a line, an object id, or both.
public struct FeedLocation: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number, for line formats.
    public var line: Int?
    /// The object's id, for document formats (STIX id, MISP attribute uuid…).
    public var objectID: String?

    /// Creates a location.
    public init(line: Int? = nil, objectID: String? = nil) {
        self.line = line
        self.objectID = objectID
    }

    public var description: String {
        switch (line, objectID) {
        case (let line?, let id?): "line \(line) (\(id))"
        case (let line?, nil): "line \(line)"
        case (nil, let id?): "object \(id)"
        case (nil, nil): "document"
        }
    }
}

/// One indicator read from a feed, already canonical, with what the feed said about it.
public struct FeedItem: Sendable, Hashable {
    /// The canonical value.
    public var value: IndicatorValue
    /// Threat type, if the feed says (the source's mapping fills the rest).
    public var threatType: ThreatType?
    /// Tags the feed gives (lower case).
    public var tags: [String]
    /// Per-item confidence 0–100, if the feed gives one.
    public var confidence: Int?
    /// TLP the feed gives for this item, if any.
    public var tlp: TLP?
    /// The feed's own id for the item.
    public var itemID: String?
    /// When the feed first and last saw it, epoch milliseconds.
    public var firstSeen: Int64?
    /// See `firstSeen`.
    public var lastSeen: Int64?
    /// End of validity the feed gives, epoch milliseconds.
    public var validUntil: Int64?
    /// Free text (malware family, comment…).
    public var description: String?
    /// Where it was read.
    public var location: FeedLocation

    /// Creates an item.
    public init(
        value: IndicatorValue, threatType: ThreatType? = nil, tags: [String] = [], confidence: Int? = nil,
        tlp: TLP? = nil, itemID: String? = nil, firstSeen: Int64? = nil, lastSeen: Int64? = nil,
        validUntil: Int64? = nil, description: String? = nil, location: FeedLocation
    ) {
        self.value = value
        self.threatType = threatType
        self.tags = tags
        self.confidence = confidence
        self.tlp = tlp
        self.itemID = itemID
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.validUntil = validUntil
        self.description = description
        self.location = location
    }
}

/// A line or object a parser could not accept: where, which field, and why. Never fatal.
public struct FeedRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where.
    public var location: FeedLocation
    /// The field at fault (`value`, a CSV column name, a JSON key…), if one.
    public var field: String?
    /// Why, in one sentence.
    public var reason: String

    /// Creates a rejection.
    public init(location: FeedLocation, field: String? = nil, reason: String) {
        self.location = location
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "\(location)\(field.map { ", field \($0)" } ?? ""): \(reason)"
    }
}

/// What a parser yields for each line or object, in input order.
public enum FeedRecord: Sendable, Hashable {
    /// An accepted indicator.
    case item(FeedItem)
    /// A rejected line or object.
    case rejection(FeedRejection)
}
