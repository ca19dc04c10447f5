/// Where an appeal stands.
public enum AppealStatus: String, CaseIterable, Codable, Sendable {
    /// Received, not yet decided.
    case received
    /// Accepted: the resource was wrongly listed and is delisted.
    case accepted
    /// Refused, with a reason.
    case refused
}
