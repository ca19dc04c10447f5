import SQLKit
import VigilCore

/// Batch reads and writes for feed ingestion: a whole batch per statement (`BulkRows`), so that a
/// million-line feed costs a few hundred statements, not millions. Use inside one transaction per batch.
public struct IngestStore: Sendable {
    /// An indicator already stored, as ingestion needs to know it.
    public struct Existing: Sendable, Hashable {
        /// Id.
        public let id: String
        /// Status.
        public let status: IndicatorStatus
        /// Confidence.
        public let confidence: Int
        /// Last seen by any source.
        public let lastSeen: Int64
    }

    private let db: any SQLDatabase

    /// A store working on `db` (normally a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// The stored indicators among `values`, keyed by value.
    public func existing(_ values: [IndicatorValue]) async throws -> [IndicatorValue: Existing] {
        var found: [IndicatorValue: Existing] = [:]
        // One lookup per type keeps every probe on the (type, value) key.
        for (type, ofType) in Dictionary(grouping: values, by: \.type) {
            let rows = try await db.raw("""
                SELECT id, value, status, confidence, last_seen FROM indicators
                WHERE type = \(bind: type.rawValue) AND value IN (\(db.list(ofType.map(\.canonical))))
                """).all()
            for row in rows {
                let key = IndicatorValue(trustedType: type, canonical: try row.string("value"))
                found[key] = Existing(
                    id: try row.string("id"),
                    status: try row.enumValue("status", table: "indicators", as: IndicatorStatus.self),
                    confidence: try row.int("confidence"), lastSeen: try row.int64("last_seen"))
            }
        }
        return found
    }

    /// Of `indicatorIDs`, those that `sourceID` has listed before.
    public func listedBefore(_ indicatorIDs: [String], sourceID: String) async throws -> Set<String> {
        guard !indicatorIDs.isEmpty else { return [] }
        let rows = try await db.raw("""
            SELECT indicator_id FROM provenance
            WHERE source_id = \(bind: sourceID) AND indicator_id IN (\(db.list(indicatorIDs)))
            """).all()
        return Set(try rows.map { try $0.string("indicator_id") })
    }

    /// Inserts new indicators with their tags.
    public func insert(_ indicators: [IndicatorRecord]) async throws {
        var rows = BulkRows(), tags = BulkRows()
        for item in indicators {
            rows.beginRow()
            rows.add(item.id)
            rows.add(item.type.rawValue)
            rows.add(item.value)
            rows.add(item.tlp.rawValue)
            rows.add(item.threatType.rawValue)
            rows.add(item.status.rawValue)
            rows.add(item.confidence)
            rows.add(item.ownerOrganisationID)
            rows.add(item.constituencyOrganisationID)
            rows.add(item.description)
            rows.add(item.firstSeen)
            rows.add(item.lastSeen)
            rows.add(item.validUntil)
            rows.add(item.createdAt)
            rows.add(item.updatedAt)
            rows.add(item.suppressedBy)
            let range = AddressRange(type: item.type, canonical: item.value)
            rows.add(range?.low ?? "")
            rows.add(range?.high ?? "")
            rows.endRow()
            for tag in item.tags {
                tags.beginRow()
                tags.add(item.id)
                tags.add(tag)
                tags.endRow()
            }
        }
        try await db.insert(into: "indicators", Self.indicatorColumns, rows: rows)
        try await db.insert(into: "indicator_tags", ["indicator_id", "tag"], rows: tags, ignoringConflicts: true)
    }

    /// Inserts provenance rows for first listings by a source.
    public func insert(_ provenance: [ProvenanceRecord]) async throws {
        var rows = BulkRows()
        for row in provenance {
            rows.beginRow()
            rows.add(row.indicatorID)
            rows.add(row.sourceID)
            rows.add(row.firstSeen)
            rows.add(row.lastSeen)
            rows.add(row.timesSeen)
            rows.add(row.itemID)
            rows.add(row.confidence)
            rows.endRow()
        }
        try await db.insert(into: "provenance", [
            "indicator_id", "source_id", BulkColumn("first_seen", integer: true), BulkColumn("last_seen", integer: true),
            BulkColumn("times_seen", integer: true), "item_id", BulkColumn("confidence", integer: true),
        ], rows: rows)
    }

    /// Appends history entries.
    public func insert(_ history: [HistoryRecord]) async throws {
        var rows = BulkRows()
        for entry in history {
            rows.beginRow()
            rows.add(entry.id)
            rows.add(entry.indicatorID)
            rows.add(entry.at)
            rows.add(entry.actor)
            rows.add(entry.change)
            rows.add(entry.details)
            rows.endRow()
        }
        try await db.insert(into: "indicator_history", [
            "id", "indicator_id", BulkColumn("at", integer: true), "actor", "change", "details",
        ], rows: rows)
    }

    /// Counts another listing by `sourceID` for indicators it listed before.
    public func touchProvenance(_ indicatorIDs: [String], sourceID: String, at time: Int64) async throws {
        guard !indicatorIDs.isEmpty else { return }
        try await db.raw("""
            UPDATE provenance SET last_seen = \(bind: time), times_seen = times_seen + 1
            WHERE source_id = \(bind: sourceID) AND indicator_id IN (\(db.list(indicatorIDs)))
            """).run()
    }

    /// Moves `last_seen` of indicators forward to `time` (never back).
    public func touchIndicators(_ ids: [String], at time: Int64) async throws {
        guard !ids.isEmpty else { return }
        try await db.raw("""
            UPDATE indicators SET last_seen = \(bind: time)
            WHERE id IN (\(db.list(ids))) AND last_seen < \(bind: time)
            """).run()
    }

    /// The (source reliability, item confidence) pairs behind each of `indicatorIDs`.
    public func evidence(_ indicatorIDs: [String]) async throws -> [String: [(reliability: Int, confidence: Int)]] {
        var result: [String: [(reliability: Int, confidence: Int)]] = [:]
        guard !indicatorIDs.isEmpty else { return result }
        let rows = try await db.raw("""
            SELECT p.indicator_id, p.confidence, s.reliability FROM provenance p JOIN sources s ON s.id = p.source_id
            WHERE p.indicator_id IN (\(db.list(indicatorIDs)))
            """).all()
        for row in rows {
            result[try row.string("indicator_id"), default: []].append((try row.int("reliability"), try row.int("confidence")))
        }
        return result
    }

    /// Sets an indicator's confidence.
    public func setConfidence(id: String, confidence: Int, at time: Int64) async throws {
        try await db.update("indicators").set("confidence", to: Int64(confidence)).set("updated_at", to: time)
            .where("id", .equal, id).run()
    }
}

extension IngestStore {
    static let indicatorColumns: [BulkColumn] = [
        "id", "type", "value", "tlp", "threat_type", "status", BulkColumn("confidence", integer: true), "owner_org",
        "constituency_org", "description", BulkColumn("first_seen", integer: true),
        BulkColumn("last_seen", integer: true), BulkColumn("valid_until", integer: true),
        BulkColumn("created_at", integer: true), BulkColumn("updated_at", integer: true), "suppressed_by",
        "net_low", "net_high",
    ]
}
