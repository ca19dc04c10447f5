import SQLKit

/// Import reports: one row per source run, with the rejected lines of each.
public struct ImportRunStore: Sendable {
    private let db: any SQLDatabase

    /// A store working on `db` (the pool, or a transaction's session).
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Records a run as started.
    public func insert(_ run: ImportRunRecord) async throws {
        try await db.insert(into: "import_runs").columns("id", "source_id", "started_at", "status", "actor")
            .values(SQLBind(run.id), SQLBind(run.sourceID), SQLBind(run.startedAt), SQLBind(run.status.rawValue),
                    SQLBind(run.actor))
            .run()
    }

    /// Saves a run's counts and status (called after each batch and at the end).
    public func update(_ run: ImportRunRecord) async throws {
        try await db.update("import_runs").set("finished_at", to: run.finishedAt).set("status", to: run.status.rawValue)
            .set("lines_read", to: Int64(run.linesRead)).set("items_new", to: Int64(run.new))
            .set("items_updated", to: Int64(run.updated)).set("items_unchanged", to: Int64(run.unchanged))
            .set("items_suppressed", to: Int64(run.suppressed)).set("items_rejected", to: Int64(run.rejected))
            .set("message", to: run.message).where("id", .equal, run.id).run()
    }

    /// Appends rejected lines to a run.
    public func insert(_ rejections: [ImportRejectionRecord], runID: String) async throws {
        var rows = BulkRows()
        for item in rejections {
            rows.beginRow()
            rows.add(runID)
            rows.add(item.seq)
            rows.add(item.line.map(Int64.init))
            rows.add(item.objectID)
            rows.add(item.field)
            rows.add(item.reason)
            rows.endRow()
        }
        try await db.insert(into: "import_rejections", [
            "run_id", BulkColumn("seq", integer: true), BulkColumn("line", integer: true), "object_id", "field", "reason",
        ], rows: rows)
    }

    /// A source's runs, newest first.
    public func runs(sourceID: String, limit: Int = 20) async throws -> [ImportRunRecord] {
        try await db.select().columns("*").from("import_runs").where("source_id", .equal, sourceID)
            .orderBy("started_at", .descending).limit(limit).all().map(Self.record)
    }

    /// One run.
    public func find(id: String) async throws -> ImportRunRecord? {
        try await db.select().columns("*").from("import_runs").where("id", .equal, id).first().map(Self.record)
    }

    /// A run's rejected lines in order.
    public func rejections(runID: String, limit: Int = 1000) async throws -> [ImportRejectionRecord] {
        try await db.select().columns("*").from("import_rejections").where("run_id", .equal, runID)
            .orderBy("seq").limit(limit).all().map { row in
                ImportRejectionRecord(
                    seq: try row.int("seq"), line: try row.optionalInt64("line").map(Int.init),
                    objectID: try row.optionalString("object_id"), field: try row.optionalString("field"),
                    reason: try row.string("reason"))
            }
    }

    /// Marks runs of `sourceID` left `running` by a process that died as `interrupted`.
    public func markInterrupted(sourceID: String, at time: Int64) async throws {
        try await db.update("import_runs").set("status", to: ImportRunRecord.Status.interrupted.rawValue)
            .set("finished_at", to: time).where("source_id", .equal, sourceID)
            .where("status", .equal, ImportRunRecord.Status.running.rawValue).run()
    }

    private static func record(_ row: any SQLRow) throws -> ImportRunRecord {
        var run = ImportRunRecord(
            id: try row.string("id"), sourceID: try row.string("source_id"), startedAt: try row.int64("started_at"),
            actor: try row.string("actor"))
        run.finishedAt = try row.optionalInt64("finished_at")
        run.status = try row.enumValue("status", table: "import_runs", as: ImportRunRecord.Status.self)
        run.linesRead = try row.int("lines_read")
        run.new = try row.int("items_new")
        run.updated = try row.int("items_updated")
        run.unchanged = try row.int("items_unchanged")
        run.suppressed = try row.int("items_suppressed")
        run.rejected = try row.int("items_rejected")
        run.message = try row.string("message")
        return run
    }
}
