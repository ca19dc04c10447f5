import VigilCore

/// An indicator as stored: its canonical value and everything that decides who sees it and what it does.
public struct IndicatorRecord: Sendable, Codable, Hashable {
    /// Stable id.
    public var id: String
    /// The indicator type.
    public var type: IndicatorType
    /// The canonical value.
    public var value: String
    /// TLP label.
    public var tlp: TLP
    /// Threat type from the taxonomy.
    public var threatType: ThreatType
    /// Lifecycle status.
    public var status: IndicatorStatus
    /// Confidence 0–100.
    public var confidence: Int
    /// The organisation that owns the record (TLP owner).
    public var ownerOrganisationID: String
    /// The organisation whose resource it is, if mapped.
    public var constituencyOrganisationID: String?
    /// Free text.
    public var description: String
    /// First and last time any source listed it, epoch milliseconds.
    public var firstSeen: Int64
    /// See `firstSeen`.
    public var lastSeen: Int64
    /// End of the validity window, if any.
    public var validUntil: Int64?
    /// Creation and last update time.
    public var createdAt: Int64
    /// See `createdAt`.
    public var updatedAt: Int64
    /// Tags, sorted.
    public var tags: [String]
    /// Organisations named as recipients (TLP:RED and AMBER).
    public var recipientOrganisationIDs: [String]
    /// The warning list that suppresses it, if any: kept and visible, but never acted on.
    public var suppressedBy: String?

    /// Creates a record.
    public init(
        id: String, type: IndicatorType, value: String, tlp: TLP, threatType: ThreatType,
        status: IndicatorStatus = .active, confidence: Int, ownerOrganisationID: String,
        constituencyOrganisationID: String? = nil, description: String = "", firstSeen: Int64, lastSeen: Int64,
        validUntil: Int64? = nil, createdAt: Int64, updatedAt: Int64, tags: [String] = [],
        recipientOrganisationIDs: [String] = [], suppressedBy: String? = nil
    ) {
        self.id = id
        self.type = type
        self.value = value
        self.tlp = tlp
        self.threatType = threatType
        self.status = status
        self.confidence = confidence
        self.ownerOrganisationID = ownerOrganisationID
        self.constituencyOrganisationID = constituencyOrganisationID
        self.description = description
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.validUntil = validUntil
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.tags = tags.sorted()
        self.recipientOrganisationIDs = recipientOrganisationIDs.sorted()
        self.suppressedBy = suppressedBy
    }

    /// The facts the access rule needs.
    public var visibility: Visibility {
        Visibility(
            tlp: tlp, ownerOrganisationID: ownerOrganisationID,
            constituencyOrganisationID: constituencyOrganisationID,
            recipientOrganisationIDs: Set(recipientOrganisationIDs))
    }
}
