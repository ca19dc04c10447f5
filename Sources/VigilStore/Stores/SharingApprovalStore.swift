import SQLKit

/// Approvals of exports the cross-border gate held, one per partner and UTC day.
public struct SharingApprovalStore: Sendable {
    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Records that `approvedBy` let `objects` objects go to `partner` on `day` (days since 1970).
    public func approve(partner: String, day: Int64, objects: Int, approvedBy: String, at now: Int64) async throws {
        try await db.raw("""
            INSERT INTO sharing_approvals (partner, day, approved_by, approved_at, objects) \
            VALUES (\(bind: partner), \(bind: day), \(bind: approvedBy), \(bind: now), \(bind: Int64(objects))) \
            ON CONFLICT (partner, day) DO UPDATE SET approved_by = excluded.approved_by, approved_at = excluded.approved_at, \
            objects = excluded.objects
            """).run()
    }

    /// How many objects an approval lets go to `partner` on `day`, nil without one.
    public func approvedObjects(partner: String, day: Int64) async throws -> Int? {
        try await db.raw("SELECT objects FROM sharing_approvals WHERE partner = \(bind: partner) AND day = \(bind: day)")
            .first()?.int("objects")
    }
}
