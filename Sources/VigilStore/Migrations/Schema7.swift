/// Appeals by owners of listed resources. The tracking id is stored only as its digest, and the
/// appellant's address only as a digest for rate limiting.
enum Schema7 {
    static let migration = Migration(version: 7, name: "appeals") { _ in
        [
            """
            CREATE TABLE appeals (
                id TEXT PRIMARY KEY, tracking_hash TEXT NOT NULL UNIQUE, resource TEXT NOT NULL, reason TEXT NOT NULL,
                contact_email TEXT NOT NULL, status TEXT NOT NULL, decision TEXT NOT NULL DEFAULT '',
                decided_by TEXT, created_at BIGINT NOT NULL, decided_at BIGINT, client_hash TEXT NOT NULL)
            """,
            "CREATE INDEX appeals_client ON appeals (client_hash, created_at)",
            "CREATE INDEX appeals_status ON appeals (status, created_at)",
        ]
    }
}
