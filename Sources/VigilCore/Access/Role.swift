/// What a user is allowed to do; SPEC "Users".
public enum Role: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    /// Installs and configures: users, sources, retention; reads the audit log.
    case admin
    /// CERT analyst: triages and writes indicators, orders, incidents, sharing.
    case analyst
    /// Network operator: pulls blocklists, answers orders for its organisation.
    case `operator`
    /// Constituent security team: sees its own organisation's data.
    case constituent
    /// Partner CERT: exchanges what the sharing rules allow.
    case partner

    /// Roles whose view is limited to their own organisation's constituency (n6 model).
    public var isConstituencyScoped: Bool { self == .operator || self == .constituent }

    /// Roles that may create and change indicators.
    public var canWriteIndicators: Bool { self == .admin || self == .analyst }

    public var description: String { rawValue }
}
