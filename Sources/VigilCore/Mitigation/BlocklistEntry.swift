/// One indicator on a blocklist, as exporters need it.
public struct BlocklistEntry: Sendable, Hashable {
    /// The indicator's id (stable across regenerations).
    public var indicatorID: String
    /// Type and canonical value.
    public var value: IndicatorValue
    /// Threat type.
    public var threatType: ThreatType
    /// Confidence 0–100.
    public var confidence: Int

    /// An entry.
    public init(indicatorID: String, value: IndicatorValue, threatType: ThreatType, confidence: Int) {
        self.indicatorID = indicatorID
        self.value = value
        self.threatType = threatType
        self.confidence = confidence
    }
}
