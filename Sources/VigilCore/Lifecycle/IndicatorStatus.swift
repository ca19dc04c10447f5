/// Where an indicator stands in its lifecycle (SPEC C1).
public enum IndicatorStatus: String, Codable, CaseIterable, Sendable {
    /// In force: may reach blocklists, orders and partners.
    case active
    /// Its validity window ended or its score decayed away.
    case expired
    /// Withdrawn by an analyst.
    case revoked
    /// Found to be wrong; kept so it is never re-listed silently.
    case falsePositive = "false-positive"
    /// Matches a warning list or the operator's allowlist.
    case allowlisted
}
