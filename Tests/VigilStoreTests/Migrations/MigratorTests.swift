import Testing
import VigilStore
import VigilTestSupport

@Suite("Migrations, on SQLite and PostgreSQL")
struct MigratorTests {
    @Test(arguments: TestDatabases.kinds)
    func appliesOnceAndRecordsVersions(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            let migrator = Migrator(database: database)
            #expect(try await migrator.appliedVersions() == Migrator.all.map(\.version))
            #expect(try await migrator.migrate().isEmpty, "a second run must apply nothing")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func failedMigrationRollsBackAndIsNotRecorded(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            let broken = Migration(version: 999, name: "broken") { _ in
                ["CREATE TABLE half_done (id TEXT)", "THIS IS NOT SQL"]
            }
            await #expect(throws: (any Error).self) { try await Migrator(database: database, migrations: [broken]).migrate() }
            #expect(!(try await Migrator(database: database).appliedVersions().contains(999)))
            await #expect(throws: (any Error).self, "half_done must have been rolled back") {
                try await database.sql.raw("SELECT COUNT(*) AS n FROM half_done").run()
            }
        }
    }
}

@Suite("Database URLs")
struct DatabaseLocationTests {
    @Test func parsesSQLiteAndPostgres() throws {
        #expect(try DatabaseLocation(url: "sqlite:/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try DatabaseLocation(url: "postgres://u:p@h/db").kind == .postgres)
        #expect(try DatabaseLocation(url: "postgresql://u:secret@h:5432/db").redacted == "postgresql://u:***@h:5432/db")
    }

    @Test(arguments: ["mysql://x", "sqlite:", "", "/tmp/file.sqlite"])
    func rejectsOthers(url: String) {
        #expect(throws: DatabaseURLError.self) { try DatabaseLocation(url: url) }
    }
}
