/// The facts about a piece of data that decide who may read it.
public struct Visibility: Sendable, Hashable {
    /// Its TLP label.
    public var tlp: TLP
    /// The organisation that owns (produced or submitted) it.
    public var ownerOrganisationID: String
    /// The organisation whose resource it is about, if known (its constituency).
    public var constituencyOrganisationID: String?
    /// Organisations named as recipients (for RED and AMBER).
    public var recipientOrganisationIDs: Set<String>

    /// Creates a visibility record.
    public init(
        tlp: TLP, ownerOrganisationID: String,
        constituencyOrganisationID: String? = nil, recipientOrganisationIDs: Set<String> = []
    ) {
        self.tlp = tlp
        self.ownerOrganisationID = ownerOrganisationID
        self.constituencyOrganisationID = constituencyOrganisationID
        self.recipientOrganisationIDs = recipientOrganisationIDs
    }
}

/// The one rule of who may read what (SPEC C10): role, TLP and constituency.
///
/// The store expresses the same rule as SQL (`ReadScope`); a test keeps both in agreement.
public enum AccessRule {
    /// Whether `principal` (nil: not logged in) may read data with `visibility`, given the
    /// organisations that the owner shares AMBER with (`ownerSharesWith`).
    public static func canRead(
        _ visibility: Visibility, principal: Principal?, ownerSharesWith: Set<String> = []
    ) -> Bool {
        guard let principal else { return visibility.tlp == .clear }
        let org = principal.organisationID
        let isOwner = visibility.ownerOrganisationID == org
        if principal.role.isConstituencyScoped, !isOwner, visibility.constituencyOrganisationID != org {
            return false
        }
        return tlpAllows(visibility, organisationID: org, ownerSharesWith: ownerSharesWith)
    }

    /// Whether TLP (with recipients and AMBER sharing) lets `organisationID` learn of data with
    /// `visibility`, whatever its constituency: what a notice to that organisation may contain.
    public static func tlpAllows(_ visibility: Visibility, organisationID org: String, ownerSharesWith: Set<String> = []) -> Bool {
        let isOwner = visibility.ownerOrganisationID == org
        let isRecipient = visibility.recipientOrganisationIDs.contains(org)
        switch visibility.tlp {
        case .clear, .green: return true
        case .amber: return isOwner || isRecipient || ownerSharesWith.contains(org)
        case .amberStrict: return isOwner
        case .red: return isOwner || isRecipient
        }
    }
}
