@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Vigil's one SQL layer: SQLKit over a pool of SQLite or PostgreSQL connections.
///
/// Query logging is off on purpose: SQLKit would log bound values, and those include
/// password and token hashes.
public final class VigilDatabase: Sendable {
    /// The engine behind this database.
    public let kind: DatabaseKind
    /// Where it lives, with any password redacted.
    public let redactedLocation: String
    /// Runs single statements on any pooled connection.
    public let sql: any SQLDatabase
    /// Where `transaction` runs: on SQLite one writer connection with a large page cache (SQLite
    /// runs one write transaction at a time anyway), so that readers keep small caches and the
    /// process's memory stays bounded however large the pool; on PostgreSQL the pool.
    private let transactionSQL: any SQLDatabase
    private let shutdownPool: @Sendable () async throws -> Void

    /// Page cache of the SQLite writer connection, KiB: bulk imports insert into the random-order
    /// (type, value) key, and its pages should stay in memory between batches.
    static let writerCacheKiB = 65_536
    /// Page cache of each SQLite reader connection, KiB.
    static let readerCacheKiB = 8_192

    /// Opens (creating an SQLite file if needed) the database at `location`.
    public init(location: DatabaseLocation, poolSize: Int = 4, logger: Logger = Logger(label: "vigil.db")) throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let perLoop = max(1, poolSize / max(1, System.coreCount))
        kind = location.kind
        redactedLocation = location.redacted
        switch location {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let pool = EventLoopGroupConnectionPool(
                source: SQLiteFileSource(path: path, cacheKiB: Self.readerCacheKiB), maxConnectionsPerEventLoop: perLoop,
                requestTimeout: .seconds(30), pruneInterval: nil, logger: logger, on: group)
            let writer = EventLoopGroupConnectionPool(
                source: SQLiteFileSource(path: path, cacheKiB: Self.writerCacheKiB), maxConnectionsPerEventLoop: 1,
                requestTimeout: .seconds(60), pruneInterval: nil, logger: logger, on: group.next())
            sql = PooledSQLiteDatabase(pool: pool, logger: logger).sql(queryLogLevel: nil)
            transactionSQL = PooledSQLiteDatabase(pool: writer, logger: logger).sql(queryLogLevel: nil)
            shutdownPool = {
                try await pool.shutdownAsync()
                try await writer.shutdownAsync()
            }
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do { configuration = try SQLPostgresConfiguration(url: url) } catch {
                throw DatabaseURLError(message: "cannot read PostgreSQL URL \(location.redacted): \(error)")
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: perLoop, requestTimeout: .seconds(30), pruneInterval: .seconds(60),
                logger: logger, on: group)
            sql = pool.database(logger: logger).sql(queryLogLevel: nil)
            transactionSQL = sql
            shutdownPool = { try await pool.shutdownAsync() }
        }
    }

    /// Runs `body` in one transaction on one connection; commits when it returns, rolls back when it throws.
    ///
    /// Do not touch `sql` inside `body`: use the session it is given, or the pool may run dry.
    public func transaction<R: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        let begin = kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await transactionSQL.withSession { session in
            try await session.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Checks that the database answers; used by `/readyz`.
    public func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS ok").first()
    }

    /// Closes every pooled connection.
    public func shutdown() async throws {
        try await shutdownPool()
    }
}
