import SQLKit

/// The files of folder sources already ingested, so that a folder run picks up only new or changed files.
public struct SourceFileStore: Sendable {
    /// A file as last ingested.
    public struct Seen: Sendable, Hashable {
        /// Size in bytes.
        public var size: Int64
        /// Modification time, epoch milliseconds.
        public var modifiedAt: Int64

        /// Creates a record of a file.
        public init(size: Int64, modifiedAt: Int64) {
            self.size = size
            self.modifiedAt = modifiedAt
        }
    }

    private let db: any SQLDatabase

    /// A store working on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// The files of `sourceID` ingested so far, by name.
    public func seen(sourceID: String) async throws -> [String: Seen] {
        let rows = try await db.select().columns("name", "size", "modified_at").from("source_files")
            .where("source_id", .equal, sourceID).all()
        var result: [String: Seen] = [:]
        for row in rows {
            result[try row.string("name")] = Seen(size: try row.int64("size"), modifiedAt: try row.int64("modified_at"))
        }
        return result
    }

    /// Records that `name` was ingested by run `runID` with this size and time.
    public func record(sourceID: String, name: String, seen: Seen, runID: String) async throws {
        try await db.insert(into: "source_files").columns("source_id", "name", "size", "modified_at", "run_id")
            .values(SQLBind(sourceID), SQLBind(name), SQLBind(seen.size), SQLBind(seen.modifiedAt), SQLBind(runID))
            .onConflict(with: ["source_id", "name"]) { conflict in
                conflict.set(excludedValueOf: "size").set(excludedValueOf: "modified_at").set(excludedValueOf: "run_id")
            }
            .run()
    }
}
