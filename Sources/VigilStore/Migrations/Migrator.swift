import SQLKit

/// Applies the migrations a database has not seen yet, each in its own transaction.
public struct Migrator: Sendable {
    /// All migrations in version order; later issues append to this list.
    public static let all: [Migration] = [Schema1.migration, Schema2.migration, Schema3.migration, Schema4.migration, Schema5.migration, Schema6.migration, Schema7.migration, Schema8.migration, Schema9.migration, Schema10.migration, Schema11.migration, Schema12.migration]

    private let database: VigilDatabase
    private let migrations: [Migration]

    /// Creates a migrator for `database`.
    public init(database: VigilDatabase, migrations: [Migration] = Migrator.all) {
        self.database = database
        self.migrations = migrations
    }

    /// The versions already applied.
    public func appliedVersions() async throws -> [Int] {
        try await database.sql.raw("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
            """).run()
        return try await database.sql.select().column("version").from("schema_migrations")
            .orderBy("version").all().map { try $0.decode(column: "version", as: Int.self) }
    }

    /// Applies every pending migration; returns the versions applied now.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let applied = Set(try await appliedVersions())
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            let kind = database.kind
            try await database.transaction { db in
                for statement in migration.statements(kind) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Clock.nowMillis()))
                    .run()
            }
            done.append(migration.version)
        }
        return done
    }
}
