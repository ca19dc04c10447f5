import SQLKit
import VigilCore

/// Indicators with their tags and recipients. Every read takes a `ReadScope`.
public struct IndicatorStore: Sendable {
    let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Inserts an indicator with its tags and recipients.
    public func insert(_ indicator: IndicatorRecord) async throws {
        let range = AddressRange(type: indicator.type, canonical: indicator.value)
        try await db.insert(into: "indicators")
            .columns("id", "type", "value", "tlp", "threat_type", "status", "confidence", "owner_org",
                     "constituency_org", "description", "first_seen", "last_seen", "valid_until", "created_at",
                     "updated_at", "suppressed_by", "net_low", "net_high")
            .values(SQLBind(indicator.id), SQLBind(indicator.type.rawValue), SQLBind(indicator.value),
                    SQLBind(indicator.tlp.rawValue), SQLBind(indicator.threatType.rawValue),
                    SQLBind(indicator.status.rawValue), SQLBind(Int64(indicator.confidence)),
                    SQLBind(indicator.ownerOrganisationID), SQLBind(indicator.constituencyOrganisationID),
                    SQLBind(indicator.description), SQLBind(indicator.firstSeen), SQLBind(indicator.lastSeen),
                    SQLBind(indicator.validUntil), SQLBind(indicator.createdAt), SQLBind(indicator.updatedAt),
                    SQLBind(indicator.suppressedBy), SQLBind(range?.low ?? ""), SQLBind(range?.high ?? ""))
            .run()
        for tag in indicator.tags {
            try await db.insert(into: "indicator_tags").columns("indicator_id", "tag")
                .values(SQLBind(indicator.id), SQLBind(tag)).ignoringConflicts().run()
        }
        for organisation in indicator.recipientOrganisationIDs {
            try await db.insert(into: "indicator_recipients").columns("indicator_id", "organisation_id")
                .values(SQLBind(indicator.id), SQLBind(organisation)).ignoringConflicts().run()
        }
    }

    /// One indicator by id, if `scope` may see it.
    public func find(id: String, scope: ReadScope) async throws -> IndicatorRecord? {
        try await fetch(where: "indicators.id = \(bind: id)", scope: scope, limit: 1).first
    }

    /// One indicator by canonical value, if `scope` may see it.
    public func find(type: IndicatorType, value: String, scope: ReadScope) async throws -> IndicatorRecord? {
        try await fetch(
            where: "indicators.type = \(bind: type.rawValue) AND indicators.value = \(bind: value)",
            scope: scope, limit: 1
        ).first
    }

    /// A page of indicators matching `query` that `scope` may see, newest first.
    public func search(_ query: IndicatorQuery, scope: ReadScope) async throws -> IndicatorPage {
        var conditions: [SQLQueryString] = []
        if query.type == nil, query.value != nil || (query.valuePrefix != nil && !db.isPostgres) {
            // Probes the (type, value) key once per type; there is no index on value alone.
            let types = IndicatorType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            conditions.append("indicators.type IN (\(unsafeRaw: types))")
        }
        if let value = query.value {
            conditions.append("indicators.value = \(bind: value)")
        }
        if let prefix = query.valuePrefix {
            conditions.append("indicators.value LIKE \(bind: Self.likePrefix(prefix)) ESCAPE '\\'")
            if !db.isPostgres {
                // SQLite's LIKE is case-insensitive, so it cannot use the (type, value) key; the byte
                // range of the prefix can (every UTF-8 continuation of it sorts below U+10FFFF).
                conditions.append("indicators.value >= \(bind: prefix) AND indicators.value < \(bind: prefix + "\u{10FFFF}")")
            }
        }
        if let type = query.type { conditions.append("indicators.type = \(bind: type.rawValue)") }
        if let tlp = query.tlp { conditions.append("indicators.tlp = \(bind: tlp.rawValue)") }
        if let status = query.status { conditions.append("indicators.status = \(bind: status.rawValue)") }
        if let threat = query.threatType { conditions.append("indicators.threat_type = \(bind: threat.rawValue)") }
        if let tag = query.tag {
            conditions.append("""
                EXISTS (SELECT 1 FROM indicator_tags t WHERE t.indicator_id = indicators.id AND t.tag = \(bind: tag))
                """)
        }
        if let source = query.sourceID {
            conditions.append("""
                EXISTS (SELECT 1 FROM provenance p WHERE p.indicator_id = indicators.id AND p.source_id = \(bind: source))
                """)
        }
        if let within = query.within {
            conditions.append("""
                indicators.net_low >= \(bind: within.low) AND indicators.net_low <= \(bind: within.high) \
                AND indicators.net_high <= \(bind: within.high)
                """)
        }
        if let cursor = query.cursor { conditions.append(Self.after(cursor, sort: query.sort)) }
        let filter: SQLQueryString = conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND ")
        let rows = try await fetch(where: filter, scope: scope, order: Self.order(query.sort), limit: query.limit + 1)
        let items = Array(rows.prefix(query.limit))
        let next = rows.count > query.limit ? items.last.map {
            IndicatorCursor(createdAt: $0.createdAt, id: $0.id, value: query.sort == .value ? $0.value : nil)
        } : nil
        return IndicatorPage(items: items, nextCursor: next)
    }

    /// How many indicators `scope` may see.
    public func count(scope: ReadScope) async throws -> Int {
        let row = try await db.raw("SELECT COUNT(*) AS n FROM indicators WHERE \(scope.indicatorCondition())").first()
        return try row?.int("n") ?? 0
    }

    /// How many indicators of each type `scope` may see.
    public func countsByType(scope: ReadScope) async throws -> [IndicatorType: Int] {
        let rows = try await db.raw("""
            SELECT indicators.type AS type, COUNT(*) AS n FROM indicators WHERE \(scope.indicatorCondition()) \
            GROUP BY indicators.type
            """).all()
        var counts: [IndicatorType: Int] = [:]
        for row in rows {
            if let type = IndicatorType(rawValue: try row.string("type")) { counts[type] = try row.int("n") }
        }
        return counts
    }

    /// Names `organisationID` as a recipient of an indicator.
    public func addRecipient(indicatorID: String, organisationID: String) async throws {
        try await db.insert(into: "indicator_recipients").columns("indicator_id", "organisation_id")
            .values(SQLBind(indicatorID), SQLBind(organisationID)).ignoringConflicts().run()
    }

    /// Changes an indicator's status.
    public func setStatus(id: String, status: IndicatorStatus, at time: Int64) async throws {
        try await db.update("indicators").set("status", to: status.rawValue).set("updated_at", to: time)
            .where("id", .equal, id).run()
    }

    /// Changes an indicator's TLP label.
    public func setTLP(id: String, tlp: TLP, at time: Int64) async throws {
        try await db.update("indicators").set("tlp", to: tlp.rawValue).set("updated_at", to: time)
            .where("id", .equal, id).run()
    }

    /// Appends to an indicator's history.
    public func appendHistory(_ entry: HistoryRecord) async throws {
        try await db.insert(into: "indicator_history").columns("id", "indicator_id", "at", "actor", "change", "details")
            .values(SQLBind(entry.id), SQLBind(entry.indicatorID), SQLBind(entry.at), SQLBind(entry.actor),
                    SQLBind(entry.change), SQLBind(entry.details))
            .run()
    }

    /// An indicator's history, oldest first, if `scope` may see the indicator.
    public func history(indicatorID: String, scope: ReadScope) async throws -> [HistoryRecord] {
        guard try await find(id: indicatorID, scope: scope) != nil else { return [] }
        return try await db.select().columns("*").from("indicator_history").where("indicator_id", .equal, indicatorID)
            .orderBy("at").orderBy("id").all().map { row in
                HistoryRecord(
                    id: try row.string("id"), indicatorID: try row.string("indicator_id"), at: try row.int64("at"),
                    actor: try row.string("actor"), change: try row.string("change"), details: try row.string("details"))
            }
    }

    private func fetch(
        where filter: SQLQueryString, scope: ReadScope, order: SQLQueryString = "indicators.created_at DESC, indicators.id DESC",
        limit: Int
    ) async throws -> [IndicatorRecord] {
        let rows = try await db.raw("""
            SELECT * FROM indicators WHERE (\(filter)) AND (\(scope.indicatorCondition())) \
            ORDER BY \(order) LIMIT \(literal: limit)
            """).all()
        var records = try rows.map(Self.record)
        guard !records.isEmpty else { return records }
        let ids = records.map(\.id)
        let tags = try await pairs(table: "indicator_tags", column: "tag", ids: ids)
        let recipients = try await pairs(table: "indicator_recipients", column: "organisation_id", ids: ids)
        for index in records.indices {
            records[index].tags = (tags[records[index].id] ?? []).sorted()
            records[index].recipientOrganisationIDs = (recipients[records[index].id] ?? []).sorted()
        }
        return records
    }

    func pairs(table: String, column: String, ids: [String]) async throws -> [String: [String]] {
        let rows = try await db.select().column("indicator_id").column(SQLIdentifier(column)).from(table)
            .where("indicator_id", .in, ids).all()
        var result: [String: [String]] = [:]
        for row in rows { result[try row.string("indicator_id"), default: []].append(try row.string(column)) }
        return result
    }

    private static func order(_ sort: IndicatorSort) -> SQLQueryString {
        switch sort {
        case .newest: "indicators.created_at DESC, indicators.id DESC"
        case .oldest: "indicators.created_at ASC, indicators.id ASC"
        case .value: "indicators.value ASC, indicators.id ASC"
        }
    }

    /// The rows after `cursor` in the order of `sort`; a cursor of another order starts over at its key.
    private static func after(_ cursor: IndicatorCursor, sort: IndicatorSort) -> SQLQueryString {
        switch sort {
        case .newest:
            return """
                (indicators.created_at < \(bind: cursor.createdAt) OR \
                (indicators.created_at = \(bind: cursor.createdAt) AND indicators.id < \(bind: cursor.id)))
                """
        case .oldest:
            return """
                (indicators.created_at > \(bind: cursor.createdAt) OR \
                (indicators.created_at = \(bind: cursor.createdAt) AND indicators.id > \(bind: cursor.id)))
                """
        case .value:
            let value = cursor.value ?? ""
            return """
                (indicators.value > \(bind: value) OR (indicators.value = \(bind: value) AND indicators.id > \(bind: cursor.id)))
                """
        }
    }

    private static func likePrefix(_ prefix: String) -> String {
        var escaped = ""
        for character in prefix {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "%"
    }

    static func record(_ row: any SQLRow) throws -> IndicatorRecord {
        IndicatorRecord(
            id: try row.string("id"), type: try row.enumValue("type", table: "indicators", as: IndicatorType.self),
            value: try row.string("value"), tlp: try row.enumValue("tlp", table: "indicators", as: TLP.self),
            threatType: try row.enumValue("threat_type", table: "indicators", as: ThreatType.self),
            status: try row.enumValue("status", table: "indicators", as: IndicatorStatus.self),
            confidence: try row.int("confidence"), ownerOrganisationID: try row.string("owner_org"),
            constituencyOrganisationID: try row.optionalString("constituency_org"),
            description: try row.string("description"), firstSeen: try row.int64("first_seen"),
            lastSeen: try row.int64("last_seen"), validUntil: try row.optionalInt64("valid_until"),
            createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"),
            suppressedBy: try row.optionalString("suppressed_by"))
    }
}
