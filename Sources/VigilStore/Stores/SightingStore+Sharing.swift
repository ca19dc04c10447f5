import SQLKit

extension SightingStore {
    /// One hourly sighting row as an export reads it.
    public struct Shared: Sendable, Hashable {
        public var indicatorID: String
        public var observer: String
        /// The pseudonym (or the address, when not pseudonymised).
        public var client: String
        /// The address in clear, kept for clients in an organisation's network.
        public var clientAddress: String?
        public var count: Int64
        public var firstSeen: Int64
        public var lastSeen: Int64
    }

    /// The sightings of `indicatorIDs` (already chosen for a partner), oldest first.
    public func forSharing(indicatorIDs: [String]) async throws -> [Shared] {
        guard !indicatorIDs.isEmpty else { return [] }
        return try await db.raw("""
            SELECT indicator_id, observer, client, client_address, count, first_seen, last_seen FROM sightings \
            WHERE indicator_id IN (\(db.list(indicatorIDs))) ORDER BY first_seen, indicator_id
            """).all().map { row in
            Shared(indicatorID: try row.string("indicator_id"), observer: try row.string("observer"), client: try row.string("client"),
                   clientAddress: try row.optionalString("client_address"), count: try row.int64("count"),
                   firstSeen: try row.int64("first_seen"), lastSeen: try row.int64("last_seen"))
        }
    }
}
