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

    /// Hands the active, unsuppressed, unexpired indicators `policy` selects to `body`, a page at
    /// a time in `BlocklistEntry.exportOrder`, so memory holds one page whatever the list's size:
    /// domains-with-subdomains by value first (the (type, value) key), then the rest by id, which
    /// follows the table's own order and so reads it nearly sequentially.
    public func forEachPage(
        for policy: BlocklistPolicy, at now: Int64, pageSize: Int = 20_000,
        _ body: ([BlocklistEntry]) async throws -> Void
    ) async throws {
        var passes: [(types: [String], byID: Bool)] = []
        if policy.types.contains(.domainSuffix) { passes.append(([IndicatorType.domainSuffix.rawValue], false)) }
        let others = policy.types.subtracting([.domainSuffix]).map(\.rawValue).sorted()
        if !others.isEmpty { passes.append((others, true)) }
        for pass in passes {
            var page = try await self.page(policy, types: pass.types, after: nil, at: now, limit: pageSize)
            while !page.isEmpty {
                guard page.count == pageSize, let last = page.last else {
                    try await body(page)
                    break
                }
                // The database reads the next page while `body` works through this one.
                let position: Position = pass.byID ? .id(last.indicatorID) : .value(last.value.canonical)
                async let next = self.page(policy, types: pass.types, after: position, at: now, limit: pageSize)
                try await body(page)
                page = try await next
            }
        }
    }

    /// Where a page starts: after a value (one type, by value) or after an id (by id).
    private enum Position: Sendable {
        case value(String)
        case id(String)
    }

    /// Every entry at once (small lists and tests).
    public func entries(for policy: BlocklistPolicy, at now: Int64) async throws -> [BlocklistEntry] {
        var all: [BlocklistEntry] = []
        try await forEachPage(for: policy, at: now) { all += $0 }
        return all
    }

    /// One page after `after`, by value within one type (the unique (type, value) key serves it) or
    /// by id.
    private func page(
        _ policy: BlocklistPolicy, types: [String], after: Position?, at now: Int64, limit: Int
    ) async throws -> [BlocklistEntry] {
        // A page comes back as one text value (fields split by U+001F, rows by U+001E, neither of
        // which a canonical value holds): one row through the driver instead of twenty thousand.
        let byID: Bool
        if case .value = after { byID = false } else { byID = types != [IndicatorType.domainSuffix.rawValue] }
        // By id, SQLite must walk the id key, not the type key; `+` keeps it off the latter.
        let typeColumn = byID && !db.isPostgres ? "+i.type" : "i.type"
        let (join, fieldSeparator) = db.isPostgres
            ? ("string_agg(line, chr(30))", "chr(31)") : ("group_concat(line, char(30))", "char(31)")
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: join) AS page FROM (SELECT i.id || \(unsafeRaw: fieldSeparator) || i.type || \(unsafeRaw: fieldSeparator) || \
            i.value || \(unsafeRaw: fieldSeparator) || i.threat_type || \(unsafeRaw: fieldSeparator) || i.confidence AS line FROM indicators i
            WHERE \(selection(policy, types: types, typeColumn: typeColumn, at: now))
            """
        switch after {
        case .value(let value):
            sql.appendInterpolation(unsafeRaw: " AND i.value > ")
            sql.appendInterpolation(bind: value)
        case .id(let id):
            sql.appendInterpolation(unsafeRaw: " AND i.id > ")
            sql.appendInterpolation(bind: id)
        case nil:
            break
        }
        sql.appendInterpolation(unsafeRaw: byID ? " ORDER BY i.id" : " ORDER BY i.value")
        sql.appendInterpolation(unsafeRaw: " LIMIT \(limit)) AS lines")
        guard var text = try await db.raw(sql).first()?.decode(column: "page", as: String?.self) else { return [] }
        var entries: [BlocklistEntry] = []
        entries.reserveCapacity(limit)
        try text.withUTF8 { bytes in
            var fields: [UnsafeBufferPointer<UInt8>] = []
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x1E
                guard byte == 0x1F || byte == 0x1E else { continue }
                fields.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                guard byte == 0x1E else { continue }
                entries.append(try Self.entry(fields))
                fields.removeAll(keepingCapacity: true)
            }
        }
        // The aggregate's order is the engine's business: restore the page's order here.
        entries.sort(by: BlocklistEntry.exportOrder)
        return entries
    }

    /// Whether `policy` selects the indicator `indicatorID` at `now`: the same rule as its pages.
    public func selects(_ policy: BlocklistPolicy, indicatorID: String, at now: Int64) async throws -> Bool {
        let types = policy.types.map(\.rawValue).sorted()
        guard !types.isEmpty else { return false }
        return try await db.raw("""
            SELECT 1 AS hit FROM indicators i WHERE i.id = \(bind: indicatorID) \
            AND \(selection(policy, types: types, typeColumn: "i.type", at: now))
            """).first() != nil
    }

    /// The condition on an `indicators` row (aliased `i`) under which `policy` lists it at `now`.
    private func selection(_ policy: BlocklistPolicy, types: [String], typeColumn: String, at now: Int64) -> SQLQueryString {
        let allowedTLPs = TLP.allCases.filter { $0 <= policy.maximumTLP }.map(\.rawValue)
        var sql: SQLQueryString = """
            \(unsafeRaw: typeColumn) IN (\(db.list(types))) AND i.status = \(bind: IndicatorStatus.active.rawValue)
            AND i.suppressed_by IS NULL AND (i.valid_until IS NULL OR i.valid_until > \(bind: now))
            AND i.tlp IN (\(db.list(allowedTLPs))) AND i.confidence >= \(bind: Int64(policy.minimumConfidence))
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
        return sql
    }

    /// One row of a page: id, type, value, threat type, confidence.
    private static func entry(_ fields: [UnsafeBufferPointer<UInt8>]) throws -> BlocklistEntry {
        func text(_ field: UnsafeBufferPointer<UInt8>) -> String { String(decoding: field, as: UTF8.self) }
        guard fields.count == 5, let type = IndicatorType(rawValue: text(fields[1])),
              let threat = ThreatType(rawValue: text(fields[3])), let confidence = Int(text(fields[4]))
        else {
            throw CorruptRowError(table: "indicators", column: "blocklist page", value: fields.map(text).joined(separator: " | "))
        }
        return BlocklistEntry(
            indicatorID: text(fields[0]), value: IndicatorValue(trustedType: type, canonical: text(fields[2])),
            threatType: threat, confidence: confidence)
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
