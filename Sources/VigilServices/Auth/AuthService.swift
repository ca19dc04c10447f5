import Foundation
import VigilCore
import VigilStore

/// Logins, sessions and API tokens (SPEC C10). Secrets are returned once and stored only as hashes.
public struct AuthService: Sendable {
    private let database: VigilDatabase
    private let passwords: PasswordPolicy
    private let settings: VigilConfiguration.Auth
    private let audit = AuditLog()
    /// A real bcrypt hash to verify against when the user does not exist, so timing does not tell;
    /// made on first need, so that commands which never log anyone in do not pay for it.
    private let decoy = DecoyHash()

    /// Creates the service.
    public init(database: VigilDatabase, settings: VigilConfiguration.Auth) {
        self.database = database
        self.settings = settings
        self.passwords = PasswordPolicy(cost: settings.bcryptCost)
    }

    /// Checks a username and password. Failed attempts per username and per client address are
    /// limited to `loginMaxFailures` within `loginWindowSeconds`.
    public func login(username: String, password: String, clientAddress: String) async throws -> UserRecord {
        let sessions = SessionStore(database.sql)
        let now = Clock.nowMillis()
        let windowStart = now - Int64(settings.loginWindowSeconds) * 1000
        let subjects = ["user:\(username.prefix(200))", "addr:\(clientAddress)"]
        for subject in subjects
        where try await sessions.failures(subject: subject, since: windowStart) >= settings.loginMaxFailures {
            throw ServiceError.rateLimited(retryAfterSeconds: settings.loginWindowSeconds)
        }
        let user = try await UserStore(database.sql).find(username: username)
        let matches = passwords.verify(password, hash: user?.passwordHash ?? decoy.hash(with: passwords))
        guard let user, matches, !user.disabled else {
            for subject in subjects { try await sessions.recordFailure(subject: subject, at: now) }
            _ = try await database.transaction { db in
                try await audit.record(
                    actor: "anonymous", action: "auth.login-failed", target: String(username.prefix(200)),
                    details: ["client": clientAddress], on: db)
            }
            throw ServiceError.unauthenticated("wrong username or password")
        }
        try await sessions.clearFailures(subject: subjects[0])
        return user
    }

    /// Opens a UI session; returns the cookie value (shown once) and the record with its CSRF token.
    public func openSession(for user: UserRecord) async throws -> (cookie: String, session: SessionRecord) {
        let cookie = Secrets.random()
        let now = Clock.nowMillis()
        let session = SessionRecord(
            idHash: Secrets.sha256Hex(cookie), userID: user.id, csrfToken: Secrets.random(), createdAt: now,
            expiresAt: now + Int64(settings.sessionTTLMinutes) * 60_000)
        try await database.transaction { [audit] db in
            try await SessionStore(db).insert(session)
            try await audit.record(actor: user.username, action: "auth.login", target: user.id, on: db)
        }
        return (cookie, session)
    }

    /// The live session and its user for a cookie value, if any.
    public func session(cookie: String) async throws -> (user: UserRecord, session: SessionRecord)? {
        guard cookie.utf8.count <= 128 else { return nil }
        guard let session = try await SessionStore(database.sql).find(idHash: Secrets.sha256Hex(cookie), now: Clock.nowMillis()),
              let user = try await UserStore(database.sql).find(id: session.userID), !user.disabled else { return nil }
        return (user, session)
    }

    /// Ends the session of a cookie.
    public func closeSession(cookie: String, actor: String) async throws {
        let hash = Secrets.sha256Hex(cookie)
        try await database.transaction { [audit] db in
            try await SessionStore(db).delete(idHash: hash)
            try await audit.record(actor: actor, action: "auth.logout", target: actor, on: db)
        }
    }

    /// Creates an API token for `principal`; the secret is in the result and nowhere else.
    public func createToken(
        for principal: Principal, name: String, ttlDays: Int?
    ) async throws -> (secret: String, token: TokenRecord) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard (1...100).contains(trimmed.count) else {
            throw ServiceError.invalid(field: "name", message: "must have 1 to 100 characters")
        }
        let days = ttlDays ?? settings.tokenDefaultTTLDays
        guard (1...3650).contains(days) else {
            throw ServiceError.invalid(field: "ttl_days", message: "must be between 1 and 3650")
        }
        let secret = "vgl_" + Secrets.random()
        let now = Clock.nowMillis()
        let token = TokenRecord(
            id: Secrets.newID(), userID: principal.userID, name: trimmed, tokenHash: Secrets.sha256Hex(secret),
            createdAt: now, expiresAt: now + Int64(days) * 86_400_000)
        try await database.transaction { [audit] db in
            try await TokenStore(db).insert(token)
            try await audit.record(
                actor: principal.username, action: "token.create", target: token.id,
                details: ["name": trimmed, "expires_at": String(token.expiresAt ?? 0)], on: db)
        }
        return (secret, token)
    }

    /// The user behind a bearer token, if the token is known, unexpired, unrevoked and its user enabled.
    public func authenticate(token secret: String) async throws -> UserRecord? {
        guard secret.hasPrefix("vgl_"), secret.utf8.count <= 128 else { return nil }
        let now = Clock.nowMillis()
        guard let token = try await TokenStore(database.sql).find(hash: Secrets.sha256Hex(secret)),
              token.isUsable(at: now),
              let user = try await UserStore(database.sql).find(id: token.userID), !user.disabled else { return nil }
        try await TokenStore(database.sql).touch(id: token.id, at: now)
        return user
    }

    /// The tokens of `principal`.
    public func tokens(of principal: Principal) async throws -> [TokenRecord] {
        try await TokenStore(database.sql).list(userID: principal.userID)
    }

    /// Revokes a token of `principal` (admins may revoke anyone's).
    public func revokeToken(id: String, by principal: Principal) async throws {
        guard let token = try await TokenStore(database.sql).find(id: id),
              token.userID == principal.userID || principal.role == .admin else {
            throw ServiceError.notFound("token \(id)")
        }
        try await database.transaction { [audit] db in
            guard try await TokenStore(db).revoke(id: id, at: Clock.nowMillis()) else {
                throw ServiceError.conflict("token \(id) is already revoked")
            }
            try await audit.record(actor: principal.username, action: "token.revoke", target: id, on: db)
        }
    }
}

/// The decoy hash, computed once, on first use.
final class DecoyHash: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?

    func hash(with passwords: PasswordPolicy) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = (try? passwords.hash("decoy-password-never-used")) ?? ""
        value = made
        return made
    }
}
