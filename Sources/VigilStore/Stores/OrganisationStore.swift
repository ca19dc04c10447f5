import SQLKit

/// Organisations and whom each one shares AMBER data with.
public struct OrganisationStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Inserts an organisation.
    public func insert(_ organisation: OrganisationRecord) async throws {
        try await db.insert(into: "organisations").columns("id", "name", "country", "created_at")
            .values(SQLBind(organisation.id), SQLBind(organisation.name), SQLBind(organisation.country),
                    SQLBind(organisation.createdAt))
            .run()
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

    private static func record(_ row: any SQLRow) throws -> OrganisationRecord {
        OrganisationRecord(
            id: try row.string("id"), name: try row.string("name"), country: try row.string("country"),
            createdAt: try row.int64("created_at"))
    }
}
