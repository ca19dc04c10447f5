import VigilCore

/// A stored order with its addressees (all of them, or only the reader's own).
public struct OrderRecord: Sendable, Equatable {
    /// Id.
    public var id: String
    /// The CERT's reference, e.g. a case number.
    public var reference: String
    /// What to do.
    public var action: OrderAction
    /// The legal basis, as text.
    public var legalBasis: String
    /// TLP of the order itself.
    public var tlp: TLP
    /// When it must be done, Unix milliseconds.
    public var deadline: Int64
    /// The issuing organisation.
    public var issuerOrganisationID: String
    /// The issuing user's name.
    public var createdBy: String
    /// When it was issued, Unix milliseconds.
    public var createdAt: Int64
    /// What it is about.
    public var resources: [OrderResource]
    /// Who must act, and where each stands.
    public var addressees: [OrderAddresseeRecord]

    /// An order.
    public init(
        id: String, reference: String, action: OrderAction, legalBasis: String, tlp: TLP, deadline: Int64,
        issuerOrganisationID: String, createdBy: String, createdAt: Int64, resources: [OrderResource],
        addressees: [OrderAddresseeRecord]
    ) {
        self.id = id
        self.reference = reference
        self.action = action
        self.legalBasis = legalBasis
        self.tlp = tlp
        self.deadline = deadline
        self.issuerOrganisationID = issuerOrganisationID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.resources = resources
        self.addressees = addressees
    }
}

/// One addressee of an order and its answer.
public struct OrderAddresseeRecord: Sendable, Equatable {
    /// The addressee organisation.
    public var organisationID: String
    /// Where it stands.
    public var status: OrderStatus
    /// Last change, Unix milliseconds.
    public var updatedAt: Int64
    /// When it acknowledged.
    public var acknowledgedAt: Int64?
    /// When it completed or rejected.
    public var completedAt: Int64?
    /// When the order escalated for it.
    public var escalatedAt: Int64?
    /// Evidence of completion or the reason for rejection.
    public var note: String

    /// An addressee.
    public init(
        organisationID: String, status: OrderStatus = .issued, updatedAt: Int64, acknowledgedAt: Int64? = nil,
        completedAt: Int64? = nil, escalatedAt: Int64? = nil, note: String = ""
    ) {
        self.organisationID = organisationID
        self.status = status
        self.updatedAt = updatedAt
        self.acknowledgedAt = acknowledgedAt
        self.completedAt = completedAt
        self.escalatedAt = escalatedAt
        self.note = note
    }
}
