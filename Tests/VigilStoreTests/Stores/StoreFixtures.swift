import VigilCore
import VigilStore

/// Small builders for store tests.
enum StoreFixtures {
    static let now: Int64 = 1_700_000_000_000

    static func organisations(_ database: VigilDatabase, ids: [String]) async throws {
        for id in ids {
            try await OrganisationStore(database.sql).insert(OrganisationRecord(id: id, name: "Org \(id)", country: "XA", createdAt: now))
        }
    }

    static func indicator(
        _ id: String, value: String, type: IndicatorType = .domain, tlp: TLP = .green, owner: String = "a",
        constituency: String? = nil, recipients: [String] = [], tags: [String] = [], createdAt: Int64 = now
    ) -> IndicatorRecord {
        IndicatorRecord(
            id: id, type: type, value: value, tlp: tlp, threatType: .phishing, confidence: 50, ownerOrganisationID: owner,
            constituencyOrganisationID: constituency, firstSeen: createdAt, lastSeen: createdAt, createdAt: createdAt,
            updatedAt: createdAt, tags: tags, recipientOrganisationIDs: recipients)
    }

    static func principal(_ org: String, _ role: Role) -> Principal {
        Principal(userID: "u-\(org)-\(role)", username: "\(org)-\(role)", organisationID: org, role: role)
    }
}
