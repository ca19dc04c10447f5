import SQLKit

/// API tokens, kept as hashes.
public struct TokenStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Inserts a token.
    public func insert(_ token: TokenRecord) async throws {
        try await db.insert(into: "api_tokens")
            .columns("id", "user_id", "name", "token_hash", "created_at", "expires_at", "revoked_at", "last_used_at")
            .values(SQLBind(token.id), SQLBind(token.userID), SQLBind(token.name), SQLBind(token.tokenHash),
                    SQLBind(token.createdAt), SQLBind(token.expiresAt), SQLBind(token.revokedAt),
                    SQLBind(token.lastUsedAt))
            .run()
    }

    /// The token whose secret hashes to `hash`.
    public func find(hash: String) async throws -> TokenRecord? {
        try await db.select().columns("*").from("api_tokens").where("token_hash", .equal, hash).first().map(Self.record)
    }

    /// One token by id.
    public func find(id: String) async throws -> TokenRecord? {
        try await db.select().columns("*").from("api_tokens").where("id", .equal, id).first().map(Self.record)
    }

    /// A user's tokens, newest first.
    public func list(userID: String) async throws -> [TokenRecord] {
        try await db.select().columns("*").from("api_tokens").where("user_id", .equal, userID)
            .orderBy("created_at", .descending).all().map(Self.record)
    }

    /// Marks a token revoked; returns whether it was still unrevoked.
    public func revoke(id: String, at time: Int64) async throws -> Bool {
        let before = try await find(id: id)
        guard let before, before.revokedAt == nil else { return false }
        try await db.update("api_tokens").set("revoked_at", to: time).where("id", .equal, id).run()
        return true
    }

    /// Records a successful use.
    public func touch(id: String, at time: Int64) async throws {
        try await db.update("api_tokens").set("last_used_at", to: time).where("id", .equal, id).run()
    }

    private static func record(_ row: any SQLRow) throws -> TokenRecord {
        TokenRecord(
            id: try row.string("id"), userID: try row.string("user_id"), name: try row.string("name"),
            tokenHash: try row.string("token_hash"), createdAt: try row.int64("created_at"),
            expiresAt: try row.optionalInt64("expires_at"), revokedAt: try row.optionalInt64("revoked_at"),
            lastUsedAt: try row.optionalInt64("last_used_at"))
    }
}
