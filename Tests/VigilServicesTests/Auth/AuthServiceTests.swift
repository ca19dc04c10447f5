import Foundation
import Testing
import VigilCore
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Accounts and tokens through the services, on SQLite and PostgreSQL")
struct AuthServiceTests {
    @Test(arguments: TestDatabases.kinds)
    func tokensAreStoredHashedAndExpire(kind: DatabaseKind) async throws {
        try await TestDatabases.withDemoServices(kind) { (services: ServiceContainer) async throws -> Void in
            let admin = try #require(try await UserStore(services.database.sql).find(username: "admin")).principal
            let (secret, token) = try await services.auth.createToken(for: admin, name: "ci", ttlDays: 1)
            #expect(secret.hasPrefix("vgl_"))
            #expect(token.tokenHash != secret)
            #expect(!token.tokenHash.contains(secret))
            #expect(try await services.auth.authenticate(token: secret)?.username == "admin")
            try await services.auth.revokeToken(id: token.id, by: admin)
            #expect(try await services.auth.authenticate(token: secret) == nil)
            await #expect(throws: ServiceError.invalid(field: "ttl_days", message: "must be between 1 and 3650")) {
                try await services.auth.createToken(for: admin, name: "x", ttlDays: 0)
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func onlyAdminsCreateUsersAndPasswordsFollowThePolicy(kind: DatabaseKind) async throws {
        try await TestDatabases.withDemoServices(kind) { (services: ServiceContainer) async throws -> Void in
            let analyst = try #require(try await UserStore(services.database.sql).find(username: "analyst")).principal
            await #expect(throws: ServiceError.forbidden("requires role admin")) {
                try await services.users.createUser(username: "eve", password: "long-enough-pass", organisationID: "org-cert", role: .admin, by: analyst)
            }
            await #expect(throws: ServiceError.invalid(field: "password", message: "must have at least 10 characters")) {
                try await services.users.createUser(username: "bob", password: "short", organisationID: "org-cert", role: .analyst, by: nil)
            }
            await #expect(throws: ServiceError.conflict("user \"admin\" exists")) {
                try await services.users.createUser(username: "admin", password: "long-enough-pass", organisationID: "org-cert", role: .analyst, by: nil)
            }
            let user = try await services.users.createUser(username: "bob", password: "long-enough-pass", organisationID: "org-isp", role: .operator, by: nil)
            #expect(user.passwordHash.hasPrefix("$2"))
            let loggedIn = try await services.auth.login(username: "bob", password: "long-enough-pass", clientAddress: "192.0.2.9")
            #expect(loggedIn.id == user.id)
            await #expect(throws: ServiceError.unauthenticated("wrong username or password")) {
                try await services.auth.login(username: "nobody", password: "long-enough-pass", clientAddress: "192.0.2.9")
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func everyWriteIsAuditedAndTheChainHolds(kind: DatabaseKind) async throws {
        try await TestDatabases.withDemoServices(kind) { (services: ServiceContainer) async throws -> Void in
            let analyst = try #require(try await UserStore(services.database.sql).find(username: "analyst")).principal
            let before = try #require(try await AuditStore(services.database.sql).head()).seq
            let record = try await services.indicators.create(NewIndicator(value: "audited.example", threatType: .phishing), by: analyst)
            _ = try await services.indicators.revoke(id: record.id, reason: "test", by: analyst)
            let entries = try await AuditStore(services.database.sql).entries(afterSeq: before)
            #expect(entries.map(\.action) == ["indicator.create", "indicator.revoke"])
            #expect(entries.allSatisfy { $0.actor == "analyst" && $0.target == record.id })
            #expect(try await services.auditVerifier.verify().isIntact)
            let detail = try await services.indicators.detail(id: record.id, for: analyst)
            #expect(detail.history.map(\.change) == ["created", "revoked"])
        }
    }
}

@Suite("Record ids")
struct RecordIDTests {
    @Test func idsAreTimeOrderedVersion7UUIDs() throws {
        let ids = (0..<200).map { _ in Secrets.newID() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let uuid = try #require(UUID(uuidString: id), "\(id) is a UUID")
            #expect(uuid.uuidString.lowercased() == id)
            #expect(Array(id)[14] == "7", "version 7")
            #expect("89ab".contains(Array(id)[19]), "RFC 9562 variant")
        }
        let first = Secrets.newID()
        Thread.sleep(forTimeInterval: 0.003)
        #expect(Secrets.newID() > first, "later ids sort after earlier ones")
    }

    @Test func idsMadeWithinOneMillisecondStillIncrease() {
        let ids = (0..<20_000).map { _ in Secrets.newID() }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }, "strictly increasing, so unique and in insertion order")
        // Ids of different milliseconds start from fresh random bits, not from a guessable count.
        let lastDigits = Set(ids.map { $0.suffix(12) })
        #expect(lastDigits.count == ids.count)
    }
}
