import SQLKit
import VigilCore

/// What notices report, read across all organisations in one pass per kind: sightings whose
/// client is in an organisation's network, and indicators that name an organisation's resource.
/// For Vigil's notice job only (`system` scope); each event carries what the TLP rule needs.
public struct NoticeEventStore: Sendable {
    /// One event for one organisation.
    public struct Event: Sendable, Hashable {
        /// A sighting or a listing.
        public enum Kind: String, Sendable, Codable {
            /// A client in the organisation's network was seen reaching the indicator.
            case sighting
            /// The indicator names one of the organisation's resources.
            case listing
        }

        public var kind: Kind
        public var organisationID: String
        /// When Vigil learned it: a sighting row's last update, a listing's creation.
        public var recordedAt: Int64
        public var indicatorID: String
        public var indicatorType: String
        public var indicatorValue: String
        public var threatType: String
        public var tlp: TLP
        public var ownerOrganisationID: String
        public var observer: String
        /// The client in clear for sightings (it is the organisation's own host), else "".
        public var client: String
        public var count: Int64
        public var firstSeen: Int64
        public var lastSeen: Int64

        /// An event.
        public init(
            kind: Kind, organisationID: String, recordedAt: Int64, indicatorID: String, indicatorType: String,
            indicatorValue: String, threatType: String, tlp: TLP, ownerOrganisationID: String, observer: String,
            client: String, count: Int64, firstSeen: Int64, lastSeen: Int64
        ) {
            self.kind = kind
            self.organisationID = organisationID
            self.recordedAt = recordedAt
            self.indicatorID = indicatorID
            self.indicatorType = indicatorType
            self.indicatorValue = indicatorValue
            self.threatType = threatType
            self.tlp = tlp
            self.ownerOrganisationID = ownerOrganisationID
            self.observer = observer
            self.client = client
            self.count = count
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
        }
    }

    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Sightings mapped to an organisation, recorded in `[from, to)`.
    public func sightings(recordedFrom from: Int64, to: Int64) async throws -> [Event] {
        try await db.raw("""
            SELECT s.organisation_id, s.recorded_at, s.indicator_id, i.type, i.value, i.threat_type, i.tlp, i.owner_org, \
            s.observer, COALESCE(s.client_address, s.client) AS client, s.count, s.first_seen, s.last_seen \
            FROM sightings s JOIN indicators i ON i.id = s.indicator_id \
            WHERE s.organisation_id IS NOT NULL AND s.recorded_at >= \(bind: from) AND s.recorded_at < \(bind: to)
            """).all().map { row in
            Event(kind: .sighting, organisationID: try row.string("organisation_id"), recordedAt: try row.int64("recorded_at"),
                  indicatorID: try row.string("indicator_id"), indicatorType: try row.string("type"),
                  indicatorValue: try row.string("value"), threatType: try row.string("threat_type"),
                  tlp: try row.enumValue("tlp", table: "indicators", as: TLP.self), ownerOrganisationID: try row.string("owner_org"),
                  observer: try row.string("observer"), client: try row.string("client"), count: try row.int64("count"),
                  firstSeen: try row.int64("first_seen"), lastSeen: try row.int64("last_seen"))
        }
    }

    /// Active indicators in an organisation's constituency, created in `[from, to)`.
    public func listings(createdFrom from: Int64, to: Int64) async throws -> [Event] {
        try await db.raw("""
            SELECT i.constituency_org, i.created_at, i.id, i.type, i.value, i.threat_type, i.tlp, i.owner_org, \
            i.first_seen, i.last_seen FROM indicators i WHERE i.constituency_org IS NOT NULL AND i.status = 'active' \
            AND i.created_at >= \(bind: from) AND i.created_at < \(bind: to)
            """).all().map { row in
            Event(kind: .listing, organisationID: try row.string("constituency_org"), recordedAt: try row.int64("created_at"),
                  indicatorID: try row.string("id"), indicatorType: try row.string("type"),
                  indicatorValue: try row.string("value"), threatType: try row.string("threat_type"),
                  tlp: try row.enumValue("tlp", table: "indicators", as: TLP.self), ownerOrganisationID: try row.string("owner_org"),
                  observer: "", client: "", count: 1, firstSeen: try row.int64("first_seen"), lastSeen: try row.int64("last_seen"))
        }
    }

    /// The recipient organisations of `indicatorIDs` (for TLP:AMBER and RED).
    public func recipients(of indicatorIDs: Set<String>) async throws -> [String: Set<String>] {
        var recipients: [String: Set<String>] = [:]
        let ids = Array(indicatorIDs)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for row in try await db.raw("""
                SELECT indicator_id, organisation_id FROM indicator_recipients WHERE indicator_id IN (\(db.list(chunk)))
                """).all()
            {
                recipients[try row.string("indicator_id"), default: []].insert(try row.string("organisation_id"))
            }
        }
        return recipients
    }
}
