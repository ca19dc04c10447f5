/// Feed ingestion: source settings, HTTP validators, per-source confidence, suppression by warning
/// lists, import runs with their rejected lines, and the operator's allowlist.
enum Schema2 {
    static let migration = Migration(version: 2, name: "ingestion") { _ in
        [
            "ALTER TABLE sources ADD COLUMN format TEXT NOT NULL DEFAULT 'plain'",
            "ALTER TABLE sources ADD COLUMN location TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE sources ADD COLUMN options TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE sources ADD COLUMN schedule_seconds BIGINT",
            "ALTER TABLE sources ADD COLUMN threat_type TEXT NOT NULL DEFAULT 'other'",
            "ALTER TABLE sources ADD COLUMN tags TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE sources ADD COLUMN max_bytes BIGINT NOT NULL DEFAULT 268435456",
            "ALTER TABLE sources ADD COLUMN etag TEXT",
            "ALTER TABLE sources ADD COLUMN last_modified TEXT",
            "ALTER TABLE sources ADD COLUMN last_run_at BIGINT",
            "ALTER TABLE provenance ADD COLUMN confidence BIGINT NOT NULL DEFAULT 100",
            "ALTER TABLE indicators ADD COLUMN suppressed_by TEXT",
            """
            CREATE TABLE import_runs (
                id TEXT PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                started_at BIGINT NOT NULL, finished_at BIGINT, status TEXT NOT NULL, actor TEXT NOT NULL,
                lines_read BIGINT NOT NULL DEFAULT 0, items_new BIGINT NOT NULL DEFAULT 0,
                items_updated BIGINT NOT NULL DEFAULT 0, items_unchanged BIGINT NOT NULL DEFAULT 0,
                items_suppressed BIGINT NOT NULL DEFAULT 0, items_rejected BIGINT NOT NULL DEFAULT 0,
                message TEXT NOT NULL DEFAULT '')
            """,
            "CREATE INDEX import_runs_source ON import_runs (source_id, started_at)",
            """
            CREATE TABLE import_rejections (
                run_id TEXT NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE, seq BIGINT NOT NULL,
                line BIGINT, object_id TEXT, field TEXT, reason TEXT NOT NULL, PRIMARY KEY (run_id, seq))
            """,
            """
            CREATE TABLE allowlist (
                id TEXT PRIMARY KEY, entry TEXT NOT NULL UNIQUE, comment TEXT NOT NULL DEFAULT '',
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
        ]
    }
}
