import SQLKit

/// How far a followed log has been read: saved in the same transaction as the sightings of the
/// lines before it, so a restart resumes there and neither loses nor repeats a sighting.
public struct MatchCheckpointStore: Sendable {
    /// A position in one file.
    public struct Checkpoint: Sendable, Equatable {
        /// The sensor.
        public var observer: String
        /// The path followed.
        public var input: String
        /// Which file was at the path (device and inode), so a rotated file is not resumed into.
        public var fileID: String
        /// Bytes read and matched.
        public var byteOffset: Int64
        /// Lines read and matched.
        public var line: Int64

        /// A checkpoint.
        public init(observer: String, input: String, fileID: String, byteOffset: Int64, line: Int64) {
            self.observer = observer
            self.input = input
            self.fileID = fileID
            self.byteOffset = byteOffset
            self.line = line
        }
    }

    private let db: any SQLDatabase

    /// A store on `db` (a transaction's session when saving with sightings).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// The checkpoint of `observer` on `input`, if any.
    public func find(observer: String, input: String) async throws -> Checkpoint? {
        guard let row = try await db.select().columns("file_id", "byte_offset", "line").from("match_checkpoints")
            .where("observer", .equal, observer).where("input", .equal, input).first()
        else { return nil }
        return Checkpoint(observer: observer, input: input, fileID: try row.string("file_id"),
                          byteOffset: try row.int64("byte_offset"), line: try row.int64("line"))
    }

    /// Saves `checkpoint`, replacing the last.
    public func save(_ checkpoint: Checkpoint, at now: Int64) async throws {
        try await db.raw("""
            INSERT INTO match_checkpoints (observer, input, file_id, byte_offset, line, updated_at) VALUES \
            (\(bind: checkpoint.observer), \(bind: checkpoint.input), \(bind: checkpoint.fileID), \(bind: checkpoint.byteOffset), \
            \(bind: checkpoint.line), \(bind: now)) ON CONFLICT (observer, input) DO UPDATE SET file_id = excluded.file_id, \
            byte_offset = excluded.byte_offset, line = excluded.line, updated_at = excluded.updated_at
            """).run()
    }
}
