import Foundation
import Logging
import SQLKit
import VigilCore
import VigilServices
import VigilStore

/// Fresh databases for tests: an SQLite file, and a new database on the PostgreSQL server that
/// `scripts/test` starts (URL in `VIGIL_TEST_POSTGRES_URL`).
public enum TestDatabases {
    /// The engines to run a suite on: SQLite always; PostgreSQL when a server is configured, and
    /// also when `VIGIL_TEST_REQUIRE_POSTGRES=1` (then a missing server fails the tests instead of skipping them).
    public static var kinds: [DatabaseKind] {
        let environment = ProcessInfo.processInfo.environment
        let wanted = environment["VIGIL_TEST_POSTGRES_URL"] != nil || environment["VIGIL_TEST_REQUIRE_POSTGRES"] == "1"
        return wanted ? [.sqlite, .postgres] : [.sqlite]
    }

    /// No PostgreSQL server was given although the suite needs one.
    public struct MissingPostgres: Error, CustomStringConvertible {
        public var description: String { "VIGIL_TEST_REQUIRE_POSTGRES=1 but VIGIL_TEST_POSTGRES_URL is not set; run scripts/test" }
    }

    /// A database URL for a new, empty database of `kind`, and a closure that removes it.
    public static func makeURL(_ kind: DatabaseKind) async throws -> (url: String, drop: @Sendable () async -> Void) {
        let name = "vigil_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(String(name))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("vigil.sqlite").path
            return ("sqlite:\(path)", { try? FileManager.default.removeItem(at: directory) })
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["VIGIL_TEST_POSTGRES_URL"] else { throw MissingPostgres() }
            let admin = try VigilDatabase(location: .postgres(url: base), poolSize: 1)
            try await admin.sql.raw("CREATE DATABASE \(ident: String(name))").run()
            try await admin.shutdown()
            guard let slash = base.range(of: "/", options: .backwards) else { throw MissingPostgres() }
            let url = String(base[..<slash.upperBound]) + name
            return (url, {
                guard let admin = try? VigilDatabase(location: .postgres(url: base), poolSize: 1) else { return }
                try? await admin.sql.raw("DROP DATABASE IF EXISTS \(ident: String(name)) WITH (FORCE)").run()
                try? await admin.shutdown()
            })
        }
    }

    /// Runs `body` with a migrated, empty database of `kind`, then removes it.
    public static func withDatabase<T>(_ kind: DatabaseKind, _ body: (VigilDatabase) async throws -> T) async throws -> T {
        let (url, drop) = try await makeURL(kind)
        let database: VigilDatabase
        do { database = try await VigilDatabase.openMigrated(location: try DatabaseLocation(url: url), poolSize: 2) } catch {
            await drop()
            throw error
        }
        do {
            let result = try await body(database)
            try await database.shutdown()
            await drop()
            return result
        } catch {
            try? await database.shutdown()
            await drop()
            throw error
        }
    }

    /// A configuration for tests: a temporary data dir, the given database, cheap bcrypt.
    public static func configuration(databaseURL: String) -> VigilConfiguration {
        var configuration = VigilConfiguration.default
        configuration.dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-data-\(UUID().uuidString)").path
        configuration.database.url = databaseURL
        configuration.database.poolSize = 2
        configuration.auth.bcryptCost = 4
        configuration.server.listen = .init(host: "127.0.0.1", port: 8080)
        return configuration
    }

    /// Runs `body` with services over a fresh database of `kind` holding one organisation (`org-cert`)
    /// and an analyst (`analyst`), whose principal `body` gets.
    public static func withServices<T>(
        _ kind: DatabaseKind, configure: (inout VigilConfiguration) -> Void = { _ in },
        _ body: (ServiceContainer, Principal) async throws -> T
    ) async throws -> T {
        try await withContainer(kind, configure: configure) { services in
            try await OrganisationStore(services.database.sql).insert(
                OrganisationRecord(id: "org-cert", name: "CERT", country: "XA", createdAt: 0))
            let analyst = try await services.users.createUser(
                username: "analyst", password: "analyst-test-pass", organisationID: "org-cert", role: .analyst, by: nil)
            _ = try await services.users.createUser(
                username: "admin", password: "admin-test-pass", organisationID: "org-cert", role: .admin, by: nil)
            return try await body(services, analyst.principal)
        }
    }

    /// Runs `body` with services over a fresh database of `kind` holding the demo data set.
    public static func withDemoServices<T>(_ kind: DatabaseKind, _ body: (ServiceContainer) async throws -> T) async throws -> T {
        try await withContainer(kind, configure: { settings in
            settings.warningLists.exclude = DemoDataSet.warningListExclusions
            settings.blocklists = DemoDataSet.blocklists
            settings.sharing = DemoDataSet.sharing
        }) { services in
            _ = try await DemoDataSet().load(into: services)
            return try await body(services)
        }
    }

    /// Services over a fresh database of `kind` with the test configuration as `configure` changes
    /// it, shut down and dropped after `body`, whether it returns or throws.
    private static func withContainer<T>(
        _ kind: DatabaseKind, configure: (inout VigilConfiguration) -> Void, _ body: (ServiceContainer) async throws -> T
    ) async throws -> T {
        let (url, drop) = try await makeURL(kind)
        var settings = configuration(databaseURL: url)
        configure(&settings)
        let services: ServiceContainer
        do { services = try await ServiceContainer(configuration: settings) } catch {
            await drop()
            throw error
        }
        do {
            let result = try await body(services)
            try await services.shutdown()
            await drop()
            return result
        } catch {
            try? await services.shutdown()
            await drop()
            throw error
        }
    }
}
