import SQLKit
import VigilCore

/// The dashboard's figures, each counted over what `scope` may read.
public struct DashboardStore: Sendable {
    let db: any SQLDatabase

    /// A store working on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// A labelled count; `key` is what a link filters on (a source id, a day, an organisation id).
    public struct Count: Sendable, Hashable {
        /// What the count filters on.
        public let key: String
        /// What a reader sees.
        public let label: String
        /// The count.
        public let value: Int
    }

    /// Indicators per listing source, largest first.
    public func indicatorsBySource(scope: ReadScope, limit: Int = 10) async throws -> [Count] {
        try await counts("""
            SELECT p.source_id AS k, src.name AS label, COUNT(*) AS n FROM provenance p \
            JOIN indicators ON indicators.id = p.indicator_id JOIN sources src ON src.id = p.source_id \
            WHERE \(scope.indicatorCondition()) GROUP BY p.source_id, src.name ORDER BY n DESC LIMIT \(literal: limit)
            """)
    }

    /// Indicators created per UTC day since `since` (milliseconds); `key` is the day number.
    public func newIndicatorsPerDay(since: Int64, scope: ReadScope) async throws -> [Count] {
        try await counts("""
            SELECT indicators.created_at / 86400000 AS k, '' AS label, COUNT(*) AS n FROM indicators \
            WHERE indicators.created_at >= \(bind: since) AND \(scope.indicatorCondition()) \
            GROUP BY indicators.created_at / 86400000
            """)
    }

    /// Sightings (hits) per hour since `since`; `key` is the hour's start in milliseconds.
    public func sightingsPerHour(since: Int64, scope: ReadScope) async throws -> [Count] {
        try await counts("""
            SELECT s.hour AS k, '' AS label, CAST(SUM(s.count) AS BIGINT) AS n FROM sightings s \
            JOIN indicators ON indicators.id = s.indicator_id \
            WHERE s.last_seen >= \(bind: since) AND \(scope.sightingCondition()) GROUP BY s.hour
            """)
    }

    /// Organisations whose networks were hit most since `since`.
    public func topOrganisationsHit(since: Int64, scope: ReadScope, limit: Int = 10) async throws -> [Count] {
        try await counts("""
            SELECT s.organisation_id AS k, o.name AS label, CAST(SUM(s.count) AS BIGINT) AS n FROM sightings s \
            JOIN indicators ON indicators.id = s.indicator_id JOIN organisations o ON o.id = s.organisation_id \
            WHERE s.last_seen >= \(bind: since) AND \(scope.sightingCondition()) \
            GROUP BY s.organisation_id, o.name ORDER BY n DESC LIMIT \(literal: limit)
            """)
    }

    private func counts(_ query: SQLQueryString) async throws -> [Count] {
        try await db.raw(query).all().map { row in
            let key = try (try? row.decode(column: "k", as: String.self)) ?? String(row.int64("k"))
            return Count(key: key, label: try row.string("label"), value: try row.int("n"))
        }
    }
}
