/// Mitigation orders: what the CERT orders, to whom, by when, and each addressee's answer.
enum Schema6 {
    static let migration = Migration(version: 6, name: "orders") { _ in
        [
            """
            CREATE TABLE orders (
                id TEXT PRIMARY KEY, reference TEXT NOT NULL, action TEXT NOT NULL, legal_basis TEXT NOT NULL,
                tlp TEXT NOT NULL, deadline BIGINT NOT NULL, issuer_org TEXT NOT NULL REFERENCES organisations(id),
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL, resources TEXT NOT NULL)
            """,
            """
            CREATE TABLE order_addressees (
                order_id TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                organisation_id TEXT NOT NULL REFERENCES organisations(id), status TEXT NOT NULL,
                updated_at BIGINT NOT NULL, acknowledged_at BIGINT, completed_at BIGINT, escalated_at BIGINT,
                note TEXT NOT NULL DEFAULT '', PRIMARY KEY (order_id, organisation_id))
            """,
            "CREATE INDEX order_addressees_organisation ON order_addressees (organisation_id, status)",
            "CREATE INDEX order_addressees_open ON order_addressees (status, order_id)",
        ]
    }
}
