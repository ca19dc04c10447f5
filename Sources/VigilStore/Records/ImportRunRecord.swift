/// One run of a source: what it read and what became of it (the import report).
public struct ImportRunRecord: Sendable, Codable, Hashable {
    /// How a run ended.
    public enum Status: String, Sendable, Codable {
        /// Still going (or the process died; the next run marks it `interrupted`).
        case running
        /// Finished; rejected lines, if any, are listed with the run.
        case succeeded
        /// Stopped by an error, or by a rejection under `--strict`; what was committed stays.
        case failed
        /// The process stopped in the middle; a new run completes the feed (ingestion is idempotent).
        case interrupted
        /// An HTTP source answered 304 Not Modified: nothing to parse.
        case notModified = "not-modified"
    }

    /// Id.
    public var id: String
    /// The source.
    public var sourceID: String
    /// Start and end, epoch milliseconds.
    public var startedAt: Int64
    /// See `startedAt`.
    public var finishedAt: Int64?
    /// Outcome.
    public var status: Status
    /// Who started it: a username, `scheduler`, `cli`.
    public var actor: String
    /// Lines (or objects) read.
    public var linesRead: Int
    /// Indicators new to the store.
    public var new: Int
    /// Known indicators this source listed for the first time, or whose data changed.
    public var updated: Int
    /// Known indicators this source listed again: only their last-seen times moved.
    public var unchanged: Int
    /// Items kept but suppressed by a warning list.
    public var suppressed: Int
    /// Lines or objects rejected.
    public var rejected: Int
    /// Why it failed, or a note (e.g. skipped object types).
    public var message: String

    /// A new running report.
    public init(id: String, sourceID: String, startedAt: Int64, actor: String) {
        self.id = id
        self.sourceID = sourceID
        self.startedAt = startedAt
        self.finishedAt = nil
        self.status = .running
        self.actor = actor
        self.linesRead = 0
        self.new = 0
        self.updated = 0
        self.unchanged = 0
        self.suppressed = 0
        self.rejected = 0
        self.message = ""
    }
}

/// A rejected line or object of a run, as stored.
public struct ImportRejectionRecord: Sendable, Codable, Hashable {
    /// Position in the run's list.
    public var seq: Int
    /// Line number, for line formats.
    public var line: Int?
    /// Object id, for document formats.
    public var objectID: String?
    /// The field at fault.
    public var field: String?
    /// Why.
    public var reason: String

    /// Creates a record.
    public init(seq: Int, line: Int?, objectID: String?, field: String?, reason: String) {
        self.seq = seq
        self.line = line
        self.objectID = objectID
        self.field = field
        self.reason = reason
    }
}
