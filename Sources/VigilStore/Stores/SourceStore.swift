import Foundation
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
            .columns("id", "name", "kind", "format", "location", "options", "schedule_seconds", "organisation_id",
                     "reliability", "default_tlp", "threat_type", "tags", "max_bytes", "enabled", "created_at")
            .values(SQLBind(source.id), SQLBind(source.name), SQLBind(source.kind), SQLBind(source.format),
                    SQLBind(source.location), SQLBind(Self.json(source.options)),
                    SQLBind(source.scheduleSeconds.map(Int64.init)), SQLBind(source.organisationID),
                    SQLBind(Int64(source.reliability)), SQLBind(source.defaultTLP.rawValue),
                    SQLBind(source.threatType.rawValue), SQLBind(source.tags.joined(separator: ",")),
                    SQLBind(Int64(source.maxBytes)), SQLBind(Int64(source.enabled ? 1 : 0)), SQLBind(source.createdAt))
            .run()
    }

    /// Replaces a source's settings (not its id, name, creation time or run state).
    public func update(_ source: SourceRecord) async throws {
        try await db.update("sources")
            .set("kind", to: source.kind).set("format", to: source.format).set("location", to: source.location)
            .set("options", to: Self.json(source.options)).set("schedule_seconds", to: source.scheduleSeconds.map(Int64.init))
            .set("organisation_id", to: source.organisationID).set("reliability", to: Int64(source.reliability))
            .set("default_tlp", to: source.defaultTLP.rawValue).set("threat_type", to: source.threatType.rawValue)
            .set("tags", to: source.tags.joined(separator: ",")).set("max_bytes", to: Int64(source.maxBytes))
            .set("enabled", to: Int64(source.enabled ? 1 : 0))
            .where("id", .equal, source.id).run()
    }

    /// Records a finished run and the HTTP validators to send next time.
    public func recordRun(sourceID: String, at time: Int64, etag: String?, lastModified: String?) async throws {
        try await db.update("sources").set("last_run_at", to: time).set("etag", to: etag)
            .set("last_modified", to: lastModified).where("id", .equal, sourceID).run()
    }

    /// One source by id.
    public func find(id: String) async throws -> SourceRecord? {
        try await db.select().columns("*").from("sources").where("id", .equal, id).first().map(Self.record)
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
    public func recordSeen(
        indicatorID: String, sourceID: String, at time: Int64, itemID: String?, confidence: Int = 100
    ) async throws {
        try await db.insert(into: "provenance")
            .columns("indicator_id", "source_id", "first_seen", "last_seen", "times_seen", "item_id", "confidence")
            .values(SQLBind(indicatorID), SQLBind(sourceID), SQLBind(time), SQLBind(time), SQLBind(Int64(1)),
                    SQLBind(itemID), SQLBind(Int64(confidence)))
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
                    timesSeen: try row.int("times_seen"), itemID: try row.optionalString("item_id"),
                    confidence: try row.int("confidence"))
            }
    }

    static func json(_ options: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(options)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func record(_ row: any SQLRow) throws -> SourceRecord {
        let optionsText = try row.string("options")
        guard let options = try? JSONDecoder().decode([String: String].self, from: Data(optionsText.utf8)) else {
            throw CorruptRowError(table: "sources", column: "options", value: optionsText)
        }
        let tags = try row.string("tags")
        return SourceRecord(
            id: try row.string("id"), name: try row.string("name"), kind: try row.string("kind"),
            format: try row.string("format"), location: try row.string("location"), options: options,
            scheduleSeconds: try row.optionalInt64("schedule_seconds").map(Int.init),
            organisationID: try row.string("organisation_id"), reliability: try row.int("reliability"),
            defaultTLP: try row.enumValue("default_tlp", table: "sources", as: TLP.self),
            threatType: try row.enumValue("threat_type", table: "sources", as: ThreatType.self),
            tags: tags.isEmpty ? [] : tags.split(separator: ",").map(String.init), maxBytes: try row.int("max_bytes"),
            enabled: try row.bool("enabled"), createdAt: try row.int64("created_at"), etag: try row.optionalString("etag"),
            lastModified: try row.optionalString("last_modified"), lastRunAt: try row.optionalInt64("last_run_at"))
    }
}
