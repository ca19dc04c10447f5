/// Where one addressee stands with an order.
///
/// ```
/// issued ──> acknowledged ──> completed
///    │             │      └─> rejected
///    │             └─(deadline passed)─> escalated ──> completed | rejected
///    └─> completed | rejected | escalated
/// ```
public enum OrderStatus: String, CaseIterable, Codable, Sendable {
    /// Sent, not yet answered.
    case issued
    /// The addressee confirmed receipt.
    case acknowledged
    /// The addressee carried it out (with evidence).
    case completed
    /// The addressee refused (with a reason).
    case rejected
    /// The deadline passed while it was still open.
    case escalated

    /// Open orders still wait for the addressee.
    public var isOpen: Bool { self == .issued || self == .acknowledged || self == .escalated }

    /// Whether an addressee may move from this status to `next`.
    public func allows(_ next: OrderStatus) -> Bool {
        switch (self, next) {
        case (.issued, .acknowledged), (.issued, .completed), (.issued, .rejected), (.issued, .escalated),
             (.acknowledged, .completed), (.acknowledged, .rejected), (.acknowledged, .escalated),
             (.escalated, .acknowledged), (.escalated, .completed), (.escalated, .rejected):
            true
        default:
            false
        }
    }
}
