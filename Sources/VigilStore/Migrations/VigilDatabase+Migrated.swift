import Logging

extension VigilDatabase {
    /// Opens the database at `location` with its schema up to date.
    ///
    /// The migrations run on a connection of their own, which is closed before the pool opens: an
    /// SQLite connection that was open during an `ALTER TABLE` on another connection can go on
    /// answering with the old columns, so every pooled connection must start on the final schema.
    public static func openMigrated(
        location: DatabaseLocation, poolSize: Int, logger: Logger = Logger(label: "vigil.db"),
        migrations: [Migration] = Migrator.all
    ) async throws -> VigilDatabase {
        let migrating = try VigilDatabase(location: location, poolSize: 1, logger: logger)
        do {
            try await Migrator(database: migrating, migrations: migrations).migrate()
            if migrations.contains(where: { $0.version == Schema12.migration.version }) {
                try await IndicatorStore(migrating.sql).fillAddressRanges()
            }
            try await migrating.shutdown()
        } catch {
            try? await migrating.shutdown()
            throw error
        }
        return try VigilDatabase(location: location, poolSize: poolSize, logger: logger)
    }
}
