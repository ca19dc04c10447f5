import VigilCore

/// What a caller supplies to create an indicator; `value` is raw and gets canonicalised.
public struct NewIndicator: Sendable, Codable, Hashable {
    /// The indicator type; nil lets Vigil detect it from the value.
    public var type: IndicatorType?
    /// The raw value.
    public var value: String
    /// TLP label (default AMBER: sharing needs a decision).
    public var tlp: TLP?
    /// Threat type.
    public var threatType: ThreatType
    /// Confidence 0–100 (default 50).
    public var confidence: Int?
    /// Tags.
    public var tags: [String]?
    /// Free text, at most 4000 characters.
    public var description: String?
    /// End of the validity window, epoch milliseconds.
    public var validUntil: Int64?
    /// Recipient organisation ids (for TLP:RED and AMBER).
    public var recipients: [String]?
    /// The organisation whose resource this is, if known.
    public var constituencyOrganisationID: String?

    /// Creates the input.
    public init(
        type: IndicatorType? = nil, value: String, tlp: TLP? = nil, threatType: ThreatType, confidence: Int? = nil,
        tags: [String]? = nil, description: String? = nil, validUntil: Int64? = nil, recipients: [String]? = nil,
        constituencyOrganisationID: String? = nil
    ) {
        self.type = type
        self.value = value
        self.tlp = tlp
        self.threatType = threatType
        self.confidence = confidence
        self.tags = tags
        self.description = description
        self.validUntil = validUntil
        self.recipients = recipients
        self.constituencyOrganisationID = constituencyOrganisationID
    }

    enum CodingKeys: String, CodingKey {
        case type, value, tlp, confidence, tags, description, recipients
        case threatType = "threat_type"
        case validUntil = "valid_until"
        case constituencyOrganisationID = "constituency_organisation_id"
    }
}
