import SQLKit
import VigilCore

/// Organisations, what they hold, their contacts, and whom each one shares AMBER data with.
public struct OrganisationStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Inserts an organisation.
    public func insert(_ organisation: OrganisationRecord) async throws {
        try await db.insert(into: "organisations")
            .columns("id", "name", "country", "created_at", "sector", "critical_infrastructure", "protection_level",
                     "language", "notice_period", "webhook_url", "webhook_secret", "updated_at")
            .values(SQLBind(organisation.id), SQLBind(organisation.name), SQLBind(organisation.country),
                    SQLBind(organisation.createdAt), SQLBind(organisation.sector),
                    SQLBind(organisation.criticalInfrastructure ? 1 : 0), SQLBind(organisation.protectionLevel),
                    SQLBind(organisation.language.rawValue), SQLBind(organisation.noticePeriod.rawValue),
                    SQLBind(organisation.webhookURL), SQLBind(organisation.webhookSecret), SQLBind(organisation.updatedAt))
            .run()
    }

    /// Changes the profile fields of an existing organisation (by id).
    public func update(_ organisation: OrganisationRecord) async throws {
        try await db.update("organisations")
            .set("country", to: organisation.country).set("sector", to: organisation.sector)
            .set("critical_infrastructure", to: organisation.criticalInfrastructure ? 1 : 0)
            .set("protection_level", to: organisation.protectionLevel)
            .set("language", to: organisation.language.rawValue).set("notice_period", to: organisation.noticePeriod.rawValue)
            .set("webhook_url", to: organisation.webhookURL).set("webhook_secret", to: organisation.webhookSecret)
            .set("updated_at", to: organisation.updatedAt)
            .where("id", .equal, organisation.id)
            .run()
    }

    /// Replaces what `organisationID` holds and who receives its notices.
    public func replaceResources(of organisationID: String, with resources: OrganisationResources) async throws {
        try await db.delete(from: "organisation_resources").where("organisation_id", .equal, organisationID).run()
        try await db.delete(from: "organisation_contacts").where("organisation_id", .equal, organisationID).run()
        var rows = BulkRows()
        for (kind, values) in [("asn", resources.asns), ("prefix", resources.prefixes), ("domain", resources.domains)] {
            for value in Set(values) {
                rows.beginRow(); rows.add(organisationID); rows.add(kind); rows.add(value); rows.endRow()
            }
        }
        try await db.insert(into: "organisation_resources", ["organisation_id", "kind", "value"], rows: rows)
        var contacts = BulkRows()
        for email in Set(resources.contacts) {
            contacts.beginRow(); contacts.add(organisationID); contacts.add(email); contacts.endRow()
        }
        try await db.insert(into: "organisation_contacts", ["organisation_id", "email"], rows: contacts)
    }

    /// What `organisationID` holds.
    public func resources(of organisationID: String) async throws -> OrganisationResources {
        var resources = OrganisationResources()
        for row in try await db.select().columns("kind", "value").from("organisation_resources")
            .where("organisation_id", .equal, organisationID).orderBy("kind").orderBy("value").all()
        {
            let value = try row.string("value")
            switch try row.string("kind") {
            case "asn": resources.asns.append(value)
            case "prefix": resources.prefixes.append(value)
            default: resources.domains.append(value)
            }
        }
        resources.contacts = try await db.select().column("email").from("organisation_contacts")
            .where("organisation_id", .equal, organisationID).orderBy("email").all().map { try $0.string("email") }
        return resources
    }

    /// Every (organisation, kind, value) held, for building the owner map.
    public func allResources() async throws -> [(organisationID: String, kind: String, value: String)] {
        try await db.select().columns("organisation_id", "kind", "value").from("organisation_resources").all().map {
            (try $0.string("organisation_id"), try $0.string("kind"), try $0.string("value"))
        }
    }

    /// Every organisation's abuse contacts, sorted.
    public func allContacts() async throws -> [String: [String]] {
        var contacts: [String: [String]] = [:]
        for row in try await db.select().columns("organisation_id", "email").from("organisation_contacts").orderBy("email").all() {
            contacts[try row.string("organisation_id"), default: []].append(try row.string("email"))
        }
        return contacts
    }

    /// A digest of the organisations and their resources that changes whenever either does.
    public func fingerprint() async throws -> String {
        let row = try await db.raw("""
            SELECT (SELECT COUNT(*) FROM organisations) AS orgs, \
            (SELECT COALESCE(MAX(updated_at), 0) FROM organisations) AS changed, \
            (SELECT COUNT(*) FROM organisation_resources) AS resources, \
            (SELECT COUNT(*) FROM routing_prefixes) AS routes
            """).first()
        return try "\(row?.int64("orgs") ?? 0)/\(row?.int64("changed") ?? 0)/\(row?.int64("resources") ?? 0)/\(row?.int64("routes") ?? 0)"
    }

    /// The `fingerprint()` the indicators' owners were last recomputed for, and when, if ever.
    public func lastRemap() async throws -> (fingerprint: String, at: Int64)? {
        guard let row = try await db.raw("SELECT fingerprint, remapped_at FROM constituency_remaps WHERE id = 1").first() else { return nil }
        return (try row.string("fingerprint"), try row.int64("remapped_at"))
    }

    /// Records that the indicators created before `at` have their owners under `fingerprint`.
    public func setLastRemap(fingerprint: String, at: Int64) async throws {
        try await db.raw("""
            INSERT INTO constituency_remaps (id, fingerprint, remapped_at) VALUES (1, \(bind: fingerprint), \(bind: at)) \
            ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, remapped_at = excluded.remapped_at
            """).run()
    }

    /// All organisations by name.
    public func all() async throws -> [OrganisationRecord] {
        try await db.select().columns("*").from("organisations").orderBy("name").all().map(Self.record)
    }

    /// One organisation by id.
    public func find(id: String) async throws -> OrganisationRecord? {
        try await db.select().columns("*").from("organisations").where("id", .equal, id).first().map(Self.record)
    }

    /// One organisation by name.
    public func find(name: String) async throws -> OrganisationRecord? {
        try await db.select().columns("*").from("organisations").where("name", .equal, name).first().map(Self.record)
    }

    /// Lets `partnerID` read `organisationID`'s TLP:AMBER data.
    public func share(from organisationID: String, with partnerID: String) async throws {
        try await db.insert(into: "organisation_sharing").columns("organisation_id", "partner_id")
            .values(SQLBind(organisationID), SQLBind(partnerID))
            .ignoringConflicts()
            .run()
    }

    /// The organisations that `organisationID` shares AMBER data with.
    public func partners(of organisationID: String) async throws -> Set<String> {
        let rows = try await db.select().column("partner_id").from("organisation_sharing")
            .where("organisation_id", .equal, organisationID).all()
        return Set(try rows.map { try $0.string("partner_id") })
    }

    /// Every sharing pair: owner → the organisations it shares AMBER data with.
    public func allPartners() async throws -> [String: Set<String>] {
        var partners: [String: Set<String>] = [:]
        for row in try await db.select().columns("organisation_id", "partner_id").from("organisation_sharing").all() {
            partners[try row.string("organisation_id"), default: []].insert(try row.string("partner_id"))
        }
        return partners
    }

    private static func record(_ row: any SQLRow) throws -> OrganisationRecord {
        var record = OrganisationRecord(
            id: try row.string("id"), name: try row.string("name"), country: try row.string("country"),
            createdAt: try row.int64("created_at"))
        record.sector = try row.string("sector")
        record.criticalInfrastructure = try row.bool("critical_infrastructure")
        record.protectionLevel = try row.int("protection_level")
        record.language = NoticeLanguage(rawValue: try row.string("language")) ?? .en
        record.noticePeriod = NoticePeriod(rawValue: try row.string("notice_period")) ?? .daily
        record.webhookURL = try row.string("webhook_url")
        record.webhookSecret = try row.string("webhook_secret")
        record.updatedAt = try row.int64("updated_at")
        return record
    }
}
