/// Sharing (SPEC C7): an analyst's approval of a partner's export held by the gate, per day.
enum Schema11 {
    static let migration = Migration(version: 11, name: "sharing") { _ in
        [
            """
            CREATE TABLE sharing_approvals (
                partner TEXT NOT NULL, day BIGINT NOT NULL, approved_by TEXT NOT NULL, approved_at BIGINT NOT NULL,
                objects BIGINT NOT NULL, PRIMARY KEY (partner, day))
            """,
        ]
    }
}
