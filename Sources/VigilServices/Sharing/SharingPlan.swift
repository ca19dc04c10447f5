import VigilCore

/// What an export to a partner sends, what the gate removed and why, and whether it is held.
public struct SharingPlan: Sendable, Codable, Equatable {
    /// Something the gate or the profile kept back.
    public struct Removal: Sendable, Codable, Equatable {
        /// Why, in words an analyst can check against the documentation.
        public var reason: String
        /// How many.
        public var count: Int
        /// A few of them.
        public var examples: [String]
    }

    /// The partner organisation.
    public var partner: String
    /// Its jurisdiction, and whether it is abroad (the gate applies).
    public var jurisdiction: String
    public var abroad: Bool
    /// Indicators sent (revoked versions included).
    public var indicators = 0
    /// Of them, delisted ones sent as revoked.
    public var revoked = 0
    /// Sightings sent.
    public var sightings = 0
    /// What was removed, by reason.
    public var removed: [Removal] = []
    /// The export waits for an analyst's approval.
    public var held = false
    /// Why it is held.
    public var holdReason: String?

    /// Objects in the export (indicators and sightings).
    public var objects: Int { indicators + sightings }

    mutating func remove(_ reason: String, _ example: String) {
        if let index = removed.firstIndex(where: { $0.reason == reason }) {
            removed[index].count += 1
            if removed[index].examples.count < 5 { removed[index].examples.append(example) }
        } else {
            removed.append(Removal(reason: reason, count: 1, examples: [example]))
        }
    }
}
