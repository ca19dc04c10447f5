import SQLKit
import VigilCore

/// The indicators a blocklist policy selects, and each list's serial.
public struct BlocklistStore: Sendable {
    /// A list's last generation.
    public struct State: Sendable, Equatable {
        /// The RPZ SOA serial.
        public var serial: Int64
        /// Digest of the entries it was made from.
        public var digest: String
        /// Number of entries.
        public var entries: Int
        /// When the content last changed, Unix milliseconds.
        public var changedAt: Int64

        /// A state.
        public init(serial: Int64, digest: String, entries: Int, changedAt: Int64) {
            self.serial = serial
            self.digest = digest
            self.entries = entries
            self.changedAt = changedAt
        }
    }

    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// The active, unsuppressed, unexpired indicators `policy` selects, in (type, value) order.
    public func entries(for policy: BlocklistPolicy, at now: Int64) async throws -> [BlocklistEntry] {
        guard !policy.types.isEmpty else { return [] }
        let allowedTLPs = TLP.allCases.filter { $0 <= policy.maximumTLP }.map(\.rawValue)
        var sql: SQLQueryString = """
            SELECT i.id, i.type, i.value, i.threat_type, i.confidence FROM indicators i
            WHERE i.status = \(bind: IndicatorStatus.active.rawValue) AND i.suppressed_by IS NULL
            AND (i.valid_until IS NULL OR i.valid_until > \(bind: now))
            AND i.type IN (\(db.list(policy.types.map(\.rawValue).sorted())))
            AND i.tlp IN (\(db.list(allowedTLPs)))
            AND i.confidence >= \(bind: Int64(policy.minimumConfidence))
            """
        if !policy.threatTypes.isEmpty {
            sql.appendInterpolation(unsafeRaw: " AND i.threat_type IN (")
            sql.appendInterpolation(db.list(policy.threatTypes.map(\.rawValue).sorted()))
            sql.appendInterpolation(unsafeRaw: ")")
        }
        if !policy.sources.isEmpty {
            sql.appendInterpolation(unsafeRaw: """
                 AND EXISTS (SELECT 1 FROM provenance p JOIN sources s ON s.id = p.source_id
                 WHERE p.indicator_id = i.id AND s.name IN (
                """)
            sql.appendInterpolation(db.list(policy.sources))
            sql.appendInterpolation(unsafeRaw: "))")
        }
        if !policy.tags.isEmpty {
            sql.appendInterpolation(unsafeRaw: " AND EXISTS (SELECT 1 FROM indicator_tags t WHERE t.indicator_id = i.id AND t.tag IN (")
            sql.appendInterpolation(db.list(policy.tags))
            sql.appendInterpolation(unsafeRaw: "))")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY i.type, i.value")
        return try await db.raw(sql).all().map { row in
            BlocklistEntry(
                indicatorID: try row.string("id"),
                value: IndicatorValue(
                    trustedType: try row.enumValue("type", table: "indicators", as: IndicatorType.self),
                    canonical: try row.string("value")),
                threatType: try row.enumValue("threat_type", table: "indicators", as: ThreatType.self),
                confidence: try row.int("confidence"))
        }
    }

    /// The last generation of list `name`, if any.
    public func state(name: String) async throws -> State? {
        guard let row = try await db.select().columns("serial", "digest", "entries", "changed_at")
            .from("blocklist_states").where("name", .equal, name).first()
        else { return nil }
        return State(serial: try row.int64("serial"), digest: try row.string("digest"), entries: try row.int("entries"),
                     changedAt: try row.int64("changed_at"))
    }

    /// Records a new generation of list `name`.
    public func save(name: String, state: State) async throws {
        try await db.delete(from: "blocklist_states").where("name", .equal, name).run()
        try await db.insert(into: "blocklist_states").columns("name", "serial", "digest", "entries", "changed_at")
            .values(SQLBind(name), SQLBind(state.serial), SQLBind(state.digest), SQLBind(Int64(state.entries)),
                    SQLBind(state.changedAt))
            .run()
    }
}
