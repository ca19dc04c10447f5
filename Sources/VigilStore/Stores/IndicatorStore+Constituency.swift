import SQLKit
import VigilCore

extension IndicatorStore {
    /// Calls `body` with the id, value and current owner of every indicator created at or after
    /// `createdSince`, in pages of `pageSize` by id (the store is not held open between pages).
    public func forEachConstituency(
        createdSince: Int64 = .min, pageSize: Int = 20_000, _ body: (String, IndicatorValue, String?) throws -> Void
    ) async throws {
        var after = ""
        while true {
            let rows = try await db.raw("""
                SELECT id, type, value, constituency_org FROM indicators WHERE id > \(bind: after) \
                AND created_at >= \(bind: createdSince) ORDER BY id LIMIT \(unsafeRaw: String(pageSize))
                """).all()
            for row in rows {
                let id = try row.string("id")
                let type = try row.enumValue("type", table: "indicators", as: IndicatorType.self)
                try body(id, IndicatorValue(trustedType: type, canonical: try row.string("value")),
                         try row.optionalString("constituency_org"))
                after = id
            }
            if rows.count < pageSize { return }
        }
    }

    /// Sets the owner (constituency organisation, nil for none) of indicators by id.
    public func setConstituency(_ changes: [(id: String, organisationID: String?)]) async throws {
        guard !changes.isEmpty else { return }
        var rows = BulkRows()
        for change in changes {
            rows.beginRow(); rows.add(change.id); rows.add(change.organisationID); rows.endRow()
        }
        try await db.raw("""
            UPDATE indicators SET constituency_org = r.organisation_id FROM \
            (\(db.rowsSource(rows, ["id", "organisation_id"]))) AS r WHERE indicators.id = r.id
            """).run()
    }
}
