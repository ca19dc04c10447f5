import SQLKit
import VigilCore

extension IndicatorStore {
    /// Computes the address range of address indicators stored before ranges were kept
    /// (`net_low IS NULL`), in batches; returns how many rows it filled.
    @discardableResult
    public func fillAddressRanges(batch: Int = 5000) async throws -> Int {
        var filled = 0
        while true {
            let rows = try await db.raw("""
                SELECT id, type, value FROM indicators WHERE net_low IS NULL LIMIT \(literal: batch)
                """).all()
            guard !rows.isEmpty else { return filled }
            for row in rows {
                let type = try row.enumValue("type", table: "indicators", as: IndicatorType.self)
                let range = AddressRange(type: type, canonical: try row.string("value"))
                try await db.update("indicators").set("net_low", to: range?.low ?? "").set("net_high", to: range?.high ?? "")
                    .where("id", .equal, try row.string("id")).run()
            }
            filled += rows.count
        }
    }
}
