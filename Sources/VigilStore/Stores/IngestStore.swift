import SQLKit
import VigilCore

/// Batch reads and writes for feed ingestion: many rows per statement, so that a million-line
/// feed costs thousands of statements, not millions. Use inside one transaction per batch.
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

    /// Rows per multi-row statement; well under SQLite's and PostgreSQL's bound-parameter limits.
    static let chunk = 400

    private let db: any SQLDatabase

    /// A store working on `db` (normally a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// The stored indicators among `values`, keyed by value.
    public func existing(_ values: [IndicatorValue]) async throws -> [IndicatorValue: Existing] {
        var found: [IndicatorValue: Existing] = [:]
        let wanted = Set(values)
        for part in values.map(\.canonical).chunked(Self.chunk) {
            let rows = try await db.select().columns("id", "type", "value", "status", "confidence", "last_seen")
                .from("indicators").where("value", .in, part).all()
            for row in rows {
                guard let type = IndicatorType(rawValue: try row.string("type")) else { continue }
                let key = IndicatorValue(trustedType: type, canonical: try row.string("value"))
                guard wanted.contains(key) else { continue }
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
        var found = Set<String>()
        for part in indicatorIDs.chunked(Self.chunk) {
            let rows = try await db.select().column("indicator_id").from("provenance")
                .where("source_id", .equal, sourceID).where("indicator_id", .in, part).all()
            for row in rows { found.insert(try row.string("indicator_id")) }
        }
        return found
    }

    /// Inserts new indicators with their tags.
    public func insert(_ indicators: [IndicatorRecord]) async throws {
        for part in indicators.chunked(Self.chunk) {
            var insert = db.insert(into: "indicators")
                .columns("id", "type", "value", "tlp", "threat_type", "status", "confidence", "owner_org",
                         "constituency_org", "description", "first_seen", "last_seen", "valid_until", "created_at",
                         "updated_at", "suppressed_by")
            for item in part {
                insert = insert.values([
                    SQLBind(item.id), SQLBind(item.type.rawValue), SQLBind(item.value), SQLBind(item.tlp.rawValue),
                    SQLBind(item.threatType.rawValue), SQLBind(item.status.rawValue), SQLBind(Int64(item.confidence)),
                    SQLBind(item.ownerOrganisationID), Self.bind(item.constituencyOrganisationID), SQLBind(item.description),
                    SQLBind(item.firstSeen), SQLBind(item.lastSeen), Self.bind(item.validUntil), SQLBind(item.createdAt),
                    SQLBind(item.updatedAt), Self.bind(item.suppressedBy),
                ] as [any SQLExpression])
            }
            try await insert.run()
        }
        let tags = indicators.flatMap { indicator in indicator.tags.map { (indicator.id, $0) } }
        for part in tags.chunked(Self.chunk) {
            var insert = db.insert(into: "indicator_tags").columns("indicator_id", "tag")
            for (id, tag) in part { insert = insert.values([SQLBind(id), SQLBind(tag)] as [any SQLExpression]) }
            try await insert.ignoringConflicts().run()
        }
    }

    /// Inserts provenance rows for first listings by a source.
    public func insert(_ provenance: [ProvenanceRecord]) async throws {
        for part in provenance.chunked(Self.chunk) {
            var insert = db.insert(into: "provenance")
                .columns("indicator_id", "source_id", "first_seen", "last_seen", "times_seen", "item_id", "confidence")
            for row in part {
                insert = insert.values([
                    SQLBind(row.indicatorID), SQLBind(row.sourceID), SQLBind(row.firstSeen), SQLBind(row.lastSeen),
                    SQLBind(Int64(row.timesSeen)), Self.bind(row.itemID), SQLBind(Int64(row.confidence)),
                ] as [any SQLExpression])
            }
            try await insert.run()
        }
    }

    /// Appends history entries.
    public func insert(_ history: [HistoryRecord]) async throws {
        for part in history.chunked(Self.chunk) {
            var insert = db.insert(into: "indicator_history").columns("id", "indicator_id", "at", "actor", "change", "details")
            for entry in part {
                insert = insert.values([
                    SQLBind(entry.id), SQLBind(entry.indicatorID), SQLBind(entry.at), SQLBind(entry.actor),
                    SQLBind(entry.change), SQLBind(entry.details),
                ] as [any SQLExpression])
            }
            try await insert.run()
        }
    }

    /// Counts another listing by `sourceID` for indicators it listed before.
    public func touchProvenance(_ indicatorIDs: [String], sourceID: String, at time: Int64) async throws {
        for part in indicatorIDs.chunked(Self.chunk) {
            try await db.update("provenance").set("last_seen", to: time)
                .set(SQLIdentifier("times_seen"), to: SQLRaw("times_seen + 1"))
                .where("source_id", .equal, sourceID).where("indicator_id", .in, part).run()
        }
    }

    /// Moves `last_seen` of indicators forward to `time` (never back).
    public func touchIndicators(_ ids: [String], at time: Int64) async throws {
        for part in ids.chunked(Self.chunk) {
            try await db.update("indicators").set("last_seen", to: time)
                .where("id", .in, part).where("last_seen", .lessThan, time).run()
        }
    }

    /// The (source reliability, item confidence) pairs behind each of `indicatorIDs`.
    public func evidence(_ indicatorIDs: [String]) async throws -> [String: [(reliability: Int, confidence: Int)]] {
        var result: [String: [(reliability: Int, confidence: Int)]] = [:]
        for part in indicatorIDs.chunked(Self.chunk) {
            let rows = try await db.select().column(SQLColumn("indicator_id", table: "p"))
                .column(SQLColumn("confidence", table: "p")).column(SQLColumn("reliability", table: "s"))
                .from(SQLAlias(SQLIdentifier("provenance"), as: SQLIdentifier("p")))
                .join(SQLAlias(SQLIdentifier("sources"), as: SQLIdentifier("s")), method: SQLJoinMethod.inner,
                      on: SQLColumn("source_id", table: "p"), .equal, SQLColumn("id", table: "s"))
                .where(SQLColumn("indicator_id", table: "p"), .in, SQLBind.group(part)).all()
            for row in rows {
                result[try row.string("indicator_id"), default: []].append((try row.int("reliability"), try row.int("confidence")))
            }
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
    /// A bind for a value that may be missing: `NULL` as a literal, so that optionals skip the
    /// drivers' generic `Encodable` path on the hot path of bulk inserts.
    static func bind<T: Encodable & Sendable>(_ value: T?) -> any SQLExpression {
        value.map { SQLBind($0) } ?? SQLLiteral.null
    }
}

extension Array {
    /// The array cut into consecutive pieces of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
