/// Blocklists: the serial and content digest of each list, so that the RPZ serial grows exactly
/// when the list's content changes and an unchanged list is not regenerated.
enum Schema5 {
    static let migration = Migration(version: 5, name: "blocklists") { _ in
        [
            """
            CREATE TABLE blocklist_states (
                name TEXT PRIMARY KEY, serial BIGINT NOT NULL, digest TEXT NOT NULL, entries BIGINT NOT NULL,
                changed_at BIGINT NOT NULL)
            """,
        ]
    }
}
