import SQLKit

/// The imported prefix-to-AS table (CAIDA pfx2as): which prefixes each AS announces, so an
/// organisation listing its AS owns them.
public struct RoutingStore: Sendable {
    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Replaces the whole table with `routes` (prefix in canonical CIDR, origin AS number).
    public func replace(with routes: [(prefix: String, asn: UInt32)]) async throws {
        try await db.delete(from: "routing_prefixes").run()
        for start in stride(from: 0, to: routes.count, by: 5000) {
            var rows = BulkRows()
            for route in routes[start..<min(start + 5000, routes.count)] {
                rows.beginRow(); rows.add(route.prefix); rows.add(Int64(route.asn)); rows.endRow()
            }
            try await db.insert(
                into: "routing_prefixes", ["prefix", BulkColumn("asn", integer: true)], rows: rows, ignoringConflicts: true)
        }
    }

    /// The announced prefixes whose origin AS some organisation lists.
    public func routesOfListedASNs() async throws -> [(prefix: String, asn: UInt32)] {
        try await db.raw("""
            SELECT r.prefix, r.asn FROM routing_prefixes r WHERE EXISTS (SELECT 1 FROM organisation_resources o \
            WHERE o.kind = 'asn' AND o.value = 'AS' || CAST(r.asn AS TEXT))
            """).all().map { (try $0.string("prefix"), UInt32(truncatingIfNeeded: try $0.int64("asn"))) }
    }

    /// Number of routes held.
    public func count() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM routing_prefixes").first()?.int("n") ?? 0
    }
}
