import SQLKit

/// The audit log table. Appends only; the chain's hashing lives in the services layer.
public struct AuditStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db`. `append` needs a transaction's session, so that the head row lock holds.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Appends the entry that `make` builds from the current head (seq, hash), under a lock on the head.
    ///
    /// The `UPDATE` of the single head row comes first: it takes the row lock on PostgreSQL (and the write
    /// lock on SQLite), so concurrent appends from several nodes queue up instead of forking the chain.
    @discardableResult
    public func append(_ make: @Sendable (_ previousSeq: Int64, _ previousHash: String) -> AuditRecord) async throws -> AuditRecord {
        try await db.raw("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, \(bind: Self.genesisHash)) ON CONFLICT (id) DO NOTHING").run()
        try await db.raw("UPDATE audit_head SET seq = seq WHERE id = 1").run()
        guard let head = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
            throw CorruptRowError(table: "audit_head", column: "id", value: "missing")
        }
        let record = make(try head.int64("seq"), try head.string("hash"))
        try await db.insert(into: "audit_log")
            .columns("seq", "at", "actor", "action", "target", "details", "prev_hash", "hash")
            .values(SQLBind(record.seq), SQLBind(record.at), SQLBind(record.actor), SQLBind(record.action),
                    SQLBind(record.target), SQLBind(record.details), SQLBind(record.prevHash), SQLBind(record.hash))
            .run()
        try await db.raw("UPDATE audit_head SET seq = \(bind: record.seq), hash = \(bind: record.hash) WHERE id = 1").run()
        return record
    }

    /// Entries in chain order, `limit` at a time from after `afterSeq`.
    public func entries(afterSeq: Int64 = 0, limit: Int = 1000) async throws -> [AuditRecord] {
        try await db.select().columns("*").from("audit_log").where("seq", .greaterThan, afterSeq)
            .orderBy("seq").limit(limit).all().map(Self.record)
    }

    /// Newest entries first, for display.
    public func latest(limit: Int) async throws -> [AuditRecord] {
        try await db.select().columns("*").from("audit_log").orderBy("seq", .descending).limit(limit).all()
            .map(Self.record)
    }

    /// The head as recorded: the last seq and hash, or nil before the first entry.
    public func head() async throws -> (seq: Int64, hash: String)? {
        guard let row = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else { return nil }
        return (try row.int64("seq"), try row.string("hash"))
    }

    /// The `prevHash` of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    private static func record(_ row: any SQLRow) throws -> AuditRecord {
        AuditRecord(
            seq: try row.int64("seq"), at: try row.int64("at"), actor: try row.string("actor"),
            action: try row.string("action"), target: try row.string("target"), details: try row.string("details"),
            prevHash: try row.string("prev_hash"), hash: try row.string("hash"))
    }
}
