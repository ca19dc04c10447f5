import Testing
import VigilCore
import VigilStore
import VigilTestSupport

@Suite("Users, tokens, sessions and audit rows, on SQLite and PostgreSQL")
struct AccountStoreTests {
    @Test(arguments: TestDatabases.kinds)
    func usersAndTokensRoundTrip(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            let users = UserStore(database.sql)
            let user = UserRecord(id: "u1", username: "alice", displayName: "Alice", organisationID: "a", role: .analyst,
                                  passwordHash: "$2b$04$hash", language: "zh", createdAt: StoreFixtures.now)
            try await users.insert(user)
            #expect(try await users.find(username: "alice") == user)
            try await users.setDisabled(userID: "u1", disabled: true)
            #expect(try await users.find(id: "u1")?.disabled == true)

            let tokens = TokenStore(database.sql)
            let token = TokenRecord(id: "t1", userID: "u1", name: "ci", tokenHash: "abc", createdAt: StoreFixtures.now,
                                    expiresAt: StoreFixtures.now + 1000)
            try await tokens.insert(token)
            #expect(try await tokens.find(hash: "abc") == token)
            #expect(token.isUsable(at: StoreFixtures.now))
            #expect(!token.isUsable(at: StoreFixtures.now + 1000))
            #expect(try await tokens.revoke(id: "t1", at: StoreFixtures.now + 1))
            #expect(try await !tokens.revoke(id: "t1", at: StoreFixtures.now + 2), "second revoke reports nothing to do")
            #expect(try await tokens.find(id: "t1")?.isUsable(at: StoreFixtures.now) == false)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func sessionsExpireAndFailuresCount(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            try await UserStore(database.sql).insert(UserRecord(
                id: "u1", username: "alice", displayName: "", organisationID: "a", role: .admin, passwordHash: "x",
                createdAt: StoreFixtures.now))
            let sessions = SessionStore(database.sql)
            try await sessions.insert(SessionRecord(idHash: "s", userID: "u1", csrfToken: "c", createdAt: 0, expiresAt: 100))
            #expect(try await sessions.find(idHash: "s", now: 99)?.csrfToken == "c")
            #expect(try await sessions.find(idHash: "s", now: 100) == nil)
            for time in [10, 20, 30] as [Int64] { try await sessions.recordFailure(subject: "user:alice", at: time) }
            #expect(try await sessions.failures(subject: "user:alice", since: 15) == 2)
            try await sessions.clearFailures(subject: "user:alice")
            #expect(try await sessions.failures(subject: "user:alice", since: 0) == 0)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func auditAppendsChainWithoutGaps(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            for index in 1...5 {
                try await database.transaction { db in
                    try await AuditStore(db).append { seq, previous in
                        AuditRecord(seq: seq + 1, at: Int64(index), actor: "t", action: "a\(index)", target: "x",
                                    details: "{}", prevHash: previous, hash: "h\(index)")
                    }
                }
            }
            let entries = try await AuditStore(database.sql).entries()
            #expect(entries.map(\.seq) == [1, 2, 3, 4, 5])
            #expect(entries.map(\.prevHash) == [AuditStore.genesisHash, "h1", "h2", "h3", "h4"])
            #expect(try await AuditStore(database.sql).head()?.seq == 5)
        }
    }
}
