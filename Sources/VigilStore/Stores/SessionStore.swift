import SQLKit

/// UI login sessions and the failed-login record that rate limits guessing.
public struct SessionStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Inserts a session.
    public func insert(_ session: SessionRecord) async throws {
        try await db.insert(into: "sessions").columns("id_hash", "user_id", "csrf_token", "created_at", "expires_at")
            .values(SQLBind(session.idHash), SQLBind(session.userID), SQLBind(session.csrfToken),
                    SQLBind(session.createdAt), SQLBind(session.expiresAt))
            .run()
    }

    /// The unexpired session whose cookie hashes to `idHash`.
    public func find(idHash: String, now: Int64) async throws -> SessionRecord? {
        let row = try await db.select().columns("*").from("sessions").where("id_hash", .equal, idHash)
            .where("expires_at", .greaterThan, now).first()
        return try row.map {
            SessionRecord(
                idHash: try $0.string("id_hash"), userID: try $0.string("user_id"),
                csrfToken: try $0.string("csrf_token"), createdAt: try $0.int64("created_at"),
                expiresAt: try $0.int64("expires_at"))
        }
    }

    /// Ends a session.
    public func delete(idHash: String) async throws {
        try await db.delete(from: "sessions").where("id_hash", .equal, idHash).run()
    }

    /// Removes expired sessions and failures older than `failuresBefore`.
    public func prune(now: Int64, failuresBefore: Int64) async throws {
        try await db.delete(from: "sessions").where("expires_at", .lessThanOrEqual, now).run()
        try await db.delete(from: "login_failures").where("at", .lessThan, failuresBefore).run()
    }

    /// Records a failed login for `subject` (a username or a client address).
    public func recordFailure(subject: String, at time: Int64) async throws {
        try await db.insert(into: "login_failures").columns("subject", "at")
            .values(SQLBind(subject), SQLBind(time)).run()
    }

    /// Failed logins for `subject` since `time`.
    public func failures(subject: String, since time: Int64) async throws -> Int {
        let row = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("login_failures").where("subject", .equal, subject).where("at", .greaterThanOrEqual, time).first()
        return try row?.int("n") ?? 0
    }

    /// Forgets the failures of `subject` after a successful login.
    public func clearFailures(subject: String) async throws {
        try await db.delete(from: "login_failures").where("subject", .equal, subject).run()
    }
}
