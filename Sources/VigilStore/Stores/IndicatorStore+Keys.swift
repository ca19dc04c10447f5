import SQLKit
import VigilCore

extension IndicatorStore {
    /// The ids of the indicators with these (type, canonical value) keys, for Vigil's own jobs
    /// (the matcher holds values, not ids): one statement whatever the count, through the unique
    /// (type, value) index. Keys without an indicator are left out.
    public func ids(for values: Set<IndicatorValue>) async throws -> [IndicatorValue: String] {
        guard !values.isEmpty else { return [:] }
        var rows = BulkRows()
        for value in values {
            rows.beginRow()
            rows.add(value.type.rawValue)
            rows.add(value.canonical)
            rows.endRow()
        }
        let found = try await db.raw("""
            SELECT i.id, i.type, i.value FROM (\(db.rowsSource(rows, ["type", "value"]))) AS k \
            JOIN indicators i ON i.type = k.type AND i.value = k.value
            """).all()
        var ids: [IndicatorValue: String] = [:]
        for row in found {
            guard let type = IndicatorType(rawValue: try row.string("type")) else { continue }
            ids[IndicatorValue(trustedType: type, canonical: try row.string("value"))] = try row.string("id")
        }
        return ids
    }
}
