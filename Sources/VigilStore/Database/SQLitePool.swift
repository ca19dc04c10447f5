@preconcurrency import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO

/// Opens SQLite connections with the pragmas Vigil relies on.
struct SQLiteFileSource: ConnectionPoolSource {
    let path: String
    /// Page cache of each connection, KiB. Every pooled connection fills its own, so the pool's
    /// memory is this times the pool size.
    let cacheKiB: Int

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: .singleton, logger: logger, on: eventLoop)
            .flatMap { connection in
                // WAL lets readers proceed during a write; busy_timeout makes a second writer wait instead of failing.
                // Rarer checkpoints keep batch imports off the disk between commits.
                let pragmas = [
                    "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                    "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 10000",
                    "PRAGMA cache_size = -\(cacheKiB)", "PRAGMA wal_autocheckpoint = 10000",
                ]
                return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { chain, pragma in
                    chain.flatMap { connection.query(pragma).map { _ in } }
                }.map { connection }
            }
    }
}

/// An `SQLiteDatabase` that takes a pooled connection for each query or session.
struct PooledSQLiteDatabase: SQLiteDatabase, @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<SQLiteFileSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }

    func query(
        _ query: String, _ binds: [SQLiteData], logger: Logger,
        _ onRow: @escaping @Sendable (SQLiteRow) -> Void
    ) -> EventLoopFuture<Void> {
        pool.withConnection(logger: self.logger) { $0.query(query, binds, logger: logger, onRow) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        pool.withConnection(logger: logger, closure)
    }
}

