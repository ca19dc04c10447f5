import SQLKit
import VigilCore

/// User accounts.
public struct UserStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Inserts a user.
    public func insert(_ user: UserRecord) async throws {
        try await db.insert(into: "users")
            .columns("id", "username", "display_name", "organisation_id", "role", "password_hash", "language",
                     "disabled", "created_at")
            .values(SQLBind(user.id), SQLBind(user.username), SQLBind(user.displayName), SQLBind(user.organisationID),
                    SQLBind(user.role.rawValue), SQLBind(user.passwordHash), SQLBind(user.language),
                    SQLBind(Int64(user.disabled ? 1 : 0)), SQLBind(user.createdAt))
            .run()
    }

    /// One user by id.
    public func find(id: String) async throws -> UserRecord? {
        try await db.select().columns("*").from("users").where("id", .equal, id).first().map(Self.record)
    }

    /// One user by login name.
    public func find(username: String) async throws -> UserRecord? {
        try await db.select().columns("*").from("users").where("username", .equal, username).first().map(Self.record)
    }

    /// Users, all or of one organisation, by username.
    public func list(organisationID: String? = nil) async throws -> [UserRecord] {
        var query = db.select().columns("*").from("users")
        if let organisationID { query = query.where("organisation_id", .equal, organisationID) }
        return try await query.orderBy("username").all().map(Self.record)
    }

    /// Replaces a user's password hash.
    public func setPasswordHash(userID: String, hash: String) async throws {
        try await db.update("users").set("password_hash", to: hash).where("id", .equal, userID).run()
    }

    /// Sets a user's UI language.
    public func setLanguage(userID: String, language: String) async throws {
        try await db.update("users").set("language", to: language).where("id", .equal, userID).run()
    }

    /// Enables or disables a user.
    public func setDisabled(userID: String, disabled: Bool) async throws {
        try await db.update("users").set("disabled", to: Int64(disabled ? 1 : 0)).where("id", .equal, userID).run()
    }

    private static func record(_ row: any SQLRow) throws -> UserRecord {
        UserRecord(
            id: try row.string("id"), username: try row.string("username"),
            displayName: try row.string("display_name"), organisationID: try row.string("organisation_id"),
            role: try row.enumValue("role", table: "users", as: Role.self),
            passwordHash: try row.string("password_hash"), language: try row.string("language"),
            disabled: try row.bool("disabled"), createdAt: try row.int64("created_at"))
    }
}
