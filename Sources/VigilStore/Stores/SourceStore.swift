import SQLKit
import VigilCore

/// Sources and what each one said about each indicator (provenance).
public struct SourceStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Inserts a source.
    public func insert(_ source: SourceRecord) async throws {
        try await db.insert(into: "sources")
            .columns("id", "name", "kind", "organisation_id", "reliability", "default_tlp", "enabled", "created_at")
            .values(SQLBind(source.id), SQLBind(source.name), SQLBind(source.kind), SQLBind(source.organisationID),
                    SQLBind(Int64(source.reliability)), SQLBind(source.defaultTLP.rawValue),
                    SQLBind(Int64(source.enabled ? 1 : 0)), SQLBind(source.createdAt))
            .run()
    }

    /// All sources by name.
    public func all() async throws -> [SourceRecord] {
        try await db.select().columns("*").from("sources").orderBy("name").all().map(Self.record)
    }

    /// One source by name.
    public func find(name: String) async throws -> SourceRecord? {
        try await db.select().columns("*").from("sources").where("name", .equal, name).first().map(Self.record)
    }

    /// Records that a source listed an indicator: first sighting inserts, later ones count up.
    public func recordSeen(indicatorID: String, sourceID: String, at time: Int64, itemID: String?) async throws {
        try await db.insert(into: "provenance")
            .columns("indicator_id", "source_id", "first_seen", "last_seen", "times_seen", "item_id")
            .values(SQLBind(indicatorID), SQLBind(sourceID), SQLBind(time), SQLBind(time), SQLBind(Int64(1)),
                    SQLBind(itemID))
            .onConflict(with: ["indicator_id", "source_id"]) { conflict in
                conflict.set("last_seen", to: SQLBind(time))
                    .set("times_seen", to: SQLRaw("provenance.times_seen + 1"))
                    .set(excludedValueOf: "item_id")
            }
            .run()
    }

    /// The provenance of an indicator, per source. Callers check the indicator's visibility first.
    public func provenance(indicatorID: String) async throws -> [ProvenanceRecord] {
        try await db.select().columns("*").from("provenance").where("indicator_id", .equal, indicatorID)
            .orderBy("first_seen").all().map { row in
                ProvenanceRecord(
                    indicatorID: try row.string("indicator_id"), sourceID: try row.string("source_id"),
                    firstSeen: try row.int64("first_seen"), lastSeen: try row.int64("last_seen"),
                    timesSeen: try row.int("times_seen"), itemID: try row.optionalString("item_id"))
            }
    }

    private static func record(_ row: any SQLRow) throws -> SourceRecord {
        SourceRecord(
            id: try row.string("id"), name: try row.string("name"), kind: try row.string("kind"),
            organisationID: try row.string("organisation_id"), reliability: try row.int("reliability"),
            defaultTLP: try row.enumValue("default_tlp", table: "sources", as: TLP.self),
            enabled: try row.bool("enabled"), createdAt: try row.int64("created_at"))
    }
}
