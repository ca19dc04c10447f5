import VigilCore

/// Where indicators come from: a feed, a partner, an analyst's manual entry.
public struct SourceRecord: Sendable, Codable, Hashable {
    /// Stable id.
    public var id: String
    /// Unique name used on the command line and in the API.
    public var name: String
    /// How it is collected: `manual`, `file`, `folder`, `http`, `stdin`, `push`.
    public var kind: String
    /// The parser: a format name of `vigil ingest --format`.
    public var format: String
    /// The URL or path the collector reads; empty for push, stdin and manual.
    public var location: String
    /// Format settings (e.g. a CSV column map).
    public var options: [String: String]
    /// Seconds between scheduled runs; nil runs only on demand.
    public var scheduleSeconds: Int?
    /// The organisation that runs or owns the source.
    public var organisationID: String
    /// How far the source is trusted, 0–100.
    public var reliability: Int
    /// TLP given to its items when they carry none.
    public var defaultTLP: TLP
    /// Threat type given to its items when they carry none.
    public var threatType: ThreatType
    /// Tags added to all its items.
    public var tags: [String]
    /// Largest input accepted per run, in bytes (after decompression).
    public var maxBytes: Int
    /// Disabled sources are not collected.
    public var enabled: Bool
    /// Creation time, epoch milliseconds.
    public var createdAt: Int64
    /// HTTP validators from the last successful pull, for conditional requests.
    public var etag: String?
    /// See `etag`.
    public var lastModified: String?
    /// When it last ran.
    public var lastRunAt: Int64?

    /// Creates a record.
    public init(
        id: String, name: String, kind: String, format: String = "plain", location: String = "",
        options: [String: String] = [:], scheduleSeconds: Int? = nil, organisationID: String, reliability: Int,
        defaultTLP: TLP, threatType: ThreatType = .other, tags: [String] = [], maxBytes: Int = 268_435_456,
        enabled: Bool = true, createdAt: Int64, etag: String? = nil, lastModified: String? = nil, lastRunAt: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.format = format
        self.location = location
        self.options = options
        self.scheduleSeconds = scheduleSeconds
        self.organisationID = organisationID
        self.reliability = reliability
        self.defaultTLP = defaultTLP
        self.threatType = threatType
        self.tags = tags
        self.maxBytes = maxBytes
        self.enabled = enabled
        self.createdAt = createdAt
        self.etag = etag
        self.lastModified = lastModified
        self.lastRunAt = lastRunAt
    }
}

/// What one source said about one indicator.
public struct ProvenanceRecord: Sendable, Codable, Hashable {
    /// The indicator.
    public var indicatorID: String
    /// The source.
    public var sourceID: String
    /// First time this source listed it, epoch milliseconds.
    public var firstSeen: Int64
    /// Last time this source listed it.
    public var lastSeen: Int64
    /// How many times this source listed it.
    public var timesSeen: Int
    /// The source's own id for the item, if it has one.
    public var itemID: String?
    /// The confidence this source gave the item, 0–100.
    public var confidence: Int

    /// Creates a record.
    public init(
        indicatorID: String, sourceID: String, firstSeen: Int64, lastSeen: Int64, timesSeen: Int, itemID: String?,
        confidence: Int = 100
    ) {
        self.indicatorID = indicatorID
        self.sourceID = sourceID
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.timesSeen = timesSeen
        self.itemID = itemID
        self.confidence = confidence
    }
}

/// One change in an indicator's life.
public struct HistoryRecord: Sendable, Codable, Hashable {
    /// Stable id.
    public var id: String
    /// The indicator.
    public var indicatorID: String
    /// When, epoch milliseconds.
    public var at: Int64
    /// Who: a username or `source:NAME` or `system`.
    public var actor: String
    /// What: `created`, `seen`, `revoked`, `status`, `tlp`…
    public var change: String
    /// Free text or JSON with the details.
    public var details: String

    /// Creates a record.
    public init(id: String, indicatorID: String, at: Int64, actor: String, change: String, details: String) {
        self.id = id
        self.indicatorID = indicatorID
        self.at = at
        self.actor = actor
        self.change = change
        self.details = details
    }
}
