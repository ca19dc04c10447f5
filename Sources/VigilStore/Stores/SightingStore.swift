import SQLKit
import VigilCore

/// Hourly sighting counts and raw hits. Reads take a `ReadScope`: a sighting is visible when its
/// indicator is, and to operators and constituents only when its client is in their network.
public struct SightingStore: Sendable {
    /// One (indicator, observer, client, hour) count to add.
    public struct Count: Sendable, Hashable {
        /// The indicator's id.
        public var indicatorID: String
        /// The sensor or log that saw it.
        public var observer: String
        /// The client, pseudonymised unless configured otherwise; "" when the log names none.
        public var client: String
        /// Start of the hour, Unix milliseconds.
        public var hour: Int64
        /// Hits in this batch.
        public var count: Int64
        /// First and last hit time in this batch.
        public var firstSeen: Int64
        /// See `firstSeen`.
        public var lastSeen: Int64
        /// The organisation whose network the client is in, if any.
        public var organisationID: String?
        /// The client's address in clear, kept only for a client in an organisation's network
        /// (its notices name the host); nil otherwise.
        public var clientAddress: String?

        /// A count.
        public init(
            indicatorID: String, observer: String, client: String, hour: Int64, count: Int64, firstSeen: Int64, lastSeen: Int64,
            organisationID: String? = nil, clientAddress: String? = nil
        ) {
            self.indicatorID = indicatorID
            self.observer = observer
            self.client = client
            self.hour = hour
            self.count = count
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.organisationID = organisationID
            self.clientAddress = clientAddress
        }
    }

    /// One raw hit, kept for the retention period.
    public struct Hit: Sendable, Hashable {
        /// The indicator's id.
        public var indicatorID: String
        /// The observer.
        public var observer: String
        /// The client (as in `Count`).
        public var client: String
        /// When, Unix milliseconds.
        public var seenAt: Int64
        /// What matched, as logged.
        public var observed: String
        /// The input (a file name, `-` for standard input, an upload).
        public var input: String
        /// Line number in the input.
        public var line: Int
        /// The organisation whose network the client is in, if any.
        public var organisationID: String?

        /// A hit.
        public init(
            indicatorID: String, observer: String, client: String, seenAt: Int64, observed: String, input: String, line: Int,
            organisationID: String? = nil
        ) {
            self.organisationID = organisationID
            self.indicatorID = indicatorID
            self.observer = observer
            self.client = client
            self.seenAt = seenAt
            self.observed = observed
            self.input = input
            self.line = line
        }
    }

    /// A stored hourly row as read back.
    public struct Row: Sendable, Hashable, Codable {
        public var indicatorID: String
        public var indicatorType: String
        public var indicatorValue: String
        public var observer: String
        public var client: String
        public var hour: Int64
        public var count: Int64
        public var firstSeen: Int64
        public var lastSeen: Int64
        public var organisationID: String?
    }

    /// Totals for one indicator.
    public struct Summary: Sendable, Hashable, Codable {
        /// Hits in all.
        public var count: Int64
        /// First and last hit, Unix milliseconds (nil: never seen).
        public var firstSeen: Int64?
        /// See `firstSeen`.
        public var lastSeen: Int64?
        /// Distinct observers.
        public var observers: Int
    }

    let db: any SQLDatabase

    private static let countColumns: [BulkColumn] = [
        "indicator_id", "observer", "client", BulkColumn("hour", integer: true), BulkColumn("count", integer: true),
        BulkColumn("first_seen", integer: true), BulkColumn("last_seen", integer: true), "organisation_id", "client_address",
        BulkColumn("recorded_at", integer: true),
    ]
    private static let hitColumns: [BulkColumn] = [
        "indicator_id", "observer", "client", BulkColumn("seen_at", integer: true), "observed", "input",
        BulkColumn("line", integer: true), "organisation_id",
    ]

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Adds `counts` to the hourly rows and stores `hits`. Each key may appear once in `counts`;
    /// the indicators must exist in this transaction (look their ids up in it: see
    /// `IndicatorStore.ids(for:)`), as the foreign keys check.
    public func add(_ counts: [Count], hits: [Hit], at now: Int64 = Clock.nowMillis()) async throws {
        if !counts.isEmpty {
            var rows = BulkRows()
            for c in counts {
                rows.beginRow()
                rows.add(c.indicatorID); rows.add(c.observer); rows.add(c.client); rows.add(c.hour)
                rows.add(c.count); rows.add(c.firstSeen); rows.add(c.lastSeen); rows.add(c.organisationID)
                rows.add(c.clientAddress); rows.add(now)
                rows.endRow()
            }
            let (least, greatest) = db.isPostgres ? ("LEAST", "GREATEST") : ("min", "max")
            try await db.raw("""
                INSERT INTO sightings (indicator_id, observer, client, hour, count, first_seen, last_seen, organisation_id, \
                client_address, recorded_at) SELECT r.indicator_id, r.observer, r.client, r.hour, r.count, r.first_seen, \
                r.last_seen, r.organisation_id, r.client_address, r.recorded_at \
                FROM (\(db.rowsSource(rows, Self.countColumns))) AS r \
                WHERE true ON CONFLICT (indicator_id, observer, client, hour) DO UPDATE SET \
                count = sightings.count + excluded.count, \
                first_seen = \(unsafeRaw: least)(sightings.first_seen, excluded.first_seen), \
                last_seen = \(unsafeRaw: greatest)(sightings.last_seen, excluded.last_seen), \
                recorded_at = excluded.recorded_at
                """).run()
        }
        if !hits.isEmpty {
            var rows = BulkRows()
            for h in hits {
                rows.beginRow()
                rows.add(h.indicatorID); rows.add(h.observer); rows.add(h.client); rows.add(h.seenAt)
                rows.add(h.observed); rows.add(h.input); rows.add(h.line); rows.add(h.organisationID)
                rows.endRow()
            }
            try await db.insert(into: "sighting_hits", Self.hitColumns, rows: rows)
        }
    }

    /// Hourly rows `scope` may see, newest first: of one indicator, one observer, or all;
    /// `before` (a `lastSeen`) pages back.
    public func list(
        indicatorID: String?, observer: String?, before: Int64?, limit: Int, scope: ReadScope
    ) async throws -> [Row] {
        var sql: SQLQueryString = """
            SELECT s.indicator_id, indicators.type, indicators.value, s.observer, s.client, s.hour, s.count, \
            s.first_seen, s.last_seen, s.organisation_id FROM sightings s JOIN indicators ON indicators.id = s.indicator_id \
            WHERE \(scope.sightingCondition())
            """
        if let indicatorID { sql.appendInterpolation(unsafeRaw: " AND s.indicator_id = "); sql.appendInterpolation(bind: indicatorID) }
        if let observer { sql.appendInterpolation(unsafeRaw: " AND s.observer = "); sql.appendInterpolation(bind: observer) }
        if let before { sql.appendInterpolation(unsafeRaw: " AND s.last_seen < "); sql.appendInterpolation(bind: before) }
        sql.appendInterpolation(unsafeRaw: " ORDER BY s.last_seen DESC, s.indicator_id LIMIT \(max(1, min(limit, 1000)))")
        return try await db.raw(sql).all().map { row in
            Row(indicatorID: try row.string("indicator_id"), indicatorType: try row.string("type"),
                indicatorValue: try row.string("value"), observer: try row.string("observer"),
                client: try row.string("client"), hour: try row.int64("hour"), count: try row.int64("count"),
                firstSeen: try row.int64("first_seen"), lastSeen: try row.int64("last_seen"),
                organisationID: try row.optionalString("organisation_id"))
        }
    }

    /// Totals for one indicator, if `scope` may see it (zero counts otherwise).
    public func summary(indicatorID: String, scope: ReadScope) async throws -> Summary {
        let row = try await db.raw("""
            SELECT CAST(COALESCE(SUM(s.count), 0) AS BIGINT) AS n, MIN(s.first_seen) AS first, MAX(s.last_seen) AS last, \
            COUNT(DISTINCT s.observer) AS observers FROM sightings s JOIN indicators ON indicators.id = s.indicator_id \
            WHERE s.indicator_id = \(bind: indicatorID) AND \(scope.sightingCondition())
            """).first()
        return Summary(
            count: try row?.int64("n") ?? 0, firstSeen: try row?.optionalInt64("first"),
            lastSeen: try row?.optionalInt64("last"), observers: try row?.int("observers") ?? 0)
    }

    /// Deletes raw hits older than `cutoff`; returns how many.
    @discardableResult
    public func purgeHits(before cutoff: Int64) async throws -> Int {
        let count = try await db.raw("SELECT COUNT(*) AS n FROM sighting_hits WHERE seen_at < \(bind: cutoff)").first()?.int("n") ?? 0
        if count > 0 { try await db.raw("DELETE FROM sighting_hits WHERE seen_at < \(bind: cutoff)").run() }
        return count
    }

    /// Raw hits of one indicator that `scope` may see, newest first.
    public func hits(indicatorID: String, limit: Int, scope: ReadScope) async throws -> [Hit] {
        try await db.raw("""
            SELECT h.indicator_id, h.observer, h.client, h.seen_at, h.observed, h.input, h.line, h.organisation_id \
            FROM sighting_hits h JOIN indicators ON indicators.id = h.indicator_id \
            WHERE h.indicator_id = \(bind: indicatorID) AND \(scope.sightingCondition(alias: "h")) \
            ORDER BY h.seen_at DESC LIMIT \(unsafeRaw: String(max(1, min(limit, 1000))))
            """).all().map { row in
            Hit(indicatorID: try row.string("indicator_id"), observer: try row.string("observer"),
                client: try row.string("client"), seenAt: try row.int64("seen_at"), observed: try row.string("observed"),
                input: try row.string("input"), line: try row.int("line"),
                organisationID: try row.optionalString("organisation_id"))
        }
    }
}
