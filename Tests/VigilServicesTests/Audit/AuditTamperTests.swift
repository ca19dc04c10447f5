import SQLKit
import Testing
import VigilServices
import VigilStore
import VigilTestSupport

/// Tampering with the audit table directly, as an attacker with database access would, is found
/// and named by `AuditVerifier`, on both engines.
@Suite("Audit tamper detection, on SQLite and PostgreSQL")
struct AuditTamperTests {
    static func writeChain(_ database: VigilDatabase, entries: Int = 6) async throws {
        for index in 1...entries {
            try await database.transaction { db in
                try await AuditLog().record(actor: "alice", action: "test.step", target: "t\(index)",
                                            details: ["n": String(index)], on: db)
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func intactChainVerifies(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await Self.writeChain(database)
            let result = try await AuditVerifier(database: database).verify()
            #expect(result.isIntact)
            #expect(result.checked == 6)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func changedEntryIsNamed(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await Self.writeChain(database)
            try await database.sql.raw("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").run()
            let problems = try await AuditVerifier(database: database).verify().problems
            #expect(problems.map(\.kind) == [.changed])
            #expect(problems.first?.seq == 3)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func removedEntryIsNamed(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await Self.writeChain(database)
            try await database.sql.raw("DELETE FROM audit_log WHERE seq = 4").run()
            let problems = try await AuditVerifier(database: database).verify().problems
            #expect(problems.map(\.kind) == [.removed])
            #expect(problems.first?.seq == 4)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func removedTailIsNamed(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await Self.writeChain(database)
            try await database.sql.raw("DELETE FROM audit_log WHERE seq >= 5").run()
            let problems = try await AuditVerifier(database: database).verify().problems
            #expect(problems.map(\.kind) == [.removed])
            #expect(problems.first?.seq == 5)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func reorderedEntriesAreNamed(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await Self.writeChain(database)
            // Swap the positions of entries 2 and 3, keeping their contents and hashes.
            try await database.sql.raw("UPDATE audit_log SET seq = 100 WHERE seq = 2").run()
            try await database.sql.raw("UPDATE audit_log SET seq = 2 WHERE seq = 3").run()
            try await database.sql.raw("UPDATE audit_log SET seq = 3 WHERE seq = 100").run()
            let problems = try await AuditVerifier(database: database).verify().problems
            #expect(!problems.isEmpty)
            #expect(problems.allSatisfy { $0.kind == .reordered })
            #expect(Set(problems.map(\.seq)).isSubset(of: [2, 3, 4]))
            #expect(problems.contains { $0.seq == 2 })
        }
    }
}
