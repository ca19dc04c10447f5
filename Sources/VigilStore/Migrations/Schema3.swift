/// Folder sources: which files of a source's folder were ingested, by name, size and modification time.
enum Schema3 {
    static let migration = Migration(version: 3, name: "folder-sources") { _ in
        [
            """
            CREATE TABLE source_files (
                source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE, name TEXT NOT NULL,
                size BIGINT NOT NULL, modified_at BIGINT NOT NULL, run_id TEXT NOT NULL,
                PRIMARY KEY (source_id, name))
            """,
        ]
    }
}
