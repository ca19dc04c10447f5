import SQLKit
import VigilCore

/// Stable Suricata sids: looked up per (indicator, kind), new ones counted up from the highest.
public struct SuricataSIDStore: Sendable {
    /// The first sid Vigil assigns: above the ranges of the big public rule sets, so Vigil's rules
    /// can run beside them.
    public static let firstSID: Int64 = 3_000_000_000

    private let db: any SQLDatabase

    /// A store on `db` (use a transaction: assignment reads the highest sid, then inserts).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// The sids of `keys` (indicator id, kind), assigning new ones to keys without.
    public func sids(for keys: [(indicatorID: String, kind: String)]) async throws -> [String: Int64] {
        guard !keys.isEmpty else { return [:] }
        var found: [String: Int64] = [:]
        let rows = try await db.raw("""
            SELECT indicator_id, kind, sid FROM suricata_sids WHERE indicator_id IN (\(db.list(Array(Set(keys.map(\.indicatorID))))))
            """).all()
        for row in rows {
            found[Self.key(try row.string("indicator_id"), try row.string("kind"))] = try row.int64("sid")
        }
        let missing = keys.filter { found[Self.key($0.indicatorID, $0.kind)] == nil }
        guard !missing.isEmpty else { return found }
        let top = try await db.raw("SELECT max(sid) AS top FROM suricata_sids").first()?.decode(column: "top", as: Int64?.self) ?? nil
        var next = max(Self.firstSID, (top ?? 0) + 1)
        var newRows = BulkRows()
        for key in missing where found[Self.key(key.indicatorID, key.kind)] == nil {
            found[Self.key(key.indicatorID, key.kind)] = next
            newRows.beginRow()
            newRows.add(key.indicatorID)
            newRows.add(key.kind)
            newRows.add(next)
            newRows.endRow()
            next += 1
        }
        try await db.insert(into: "suricata_sids", ["indicator_id", "kind", BulkColumn("sid", integer: true)], rows: newRows)
        return found
    }

    /// The map key of (indicator id, kind).
    public static func key(_ indicatorID: String, _ kind: String) -> String { indicatorID + "/" + kind }
}
