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

extension BlocklistEntry {
    /// Domains-with-subdomains first, by value; then every other entry by indicator id (ids are
    /// time-ordered, so that is creation order).
    public static func exportOrder(_ a: BlocklistEntry, _ b: BlocklistEntry) -> Bool {
        let aSuffix = a.value.type == .domainSuffix, bSuffix = b.value.type == .domainSuffix
        if aSuffix != bSuffix { return aSuffix }
        if aSuffix, a.value.canonical != b.value.canonical { return a.value.canonical < b.value.canonical }
        return a.indicatorID < b.indicatorID
    }
}
