/// Sharing (SPEC C7): an analyst's approval of a partner's export held by the gate, per day;
/// the TAXII 2.1 collections' object versions with the time each was added; status resources of
/// objects partners posted.
enum Schema11 {
    static let migration = Migration(version: 11, name: "sharing") { _ in
        [
            """
            CREATE TABLE sharing_approvals (
                partner TEXT NOT NULL, day BIGINT NOT NULL, approved_by TEXT NOT NULL, approved_at BIGINT NOT NULL,
                objects BIGINT NOT NULL, PRIMARY KEY (partner, day))
            """,
            """
            CREATE TABLE taxii_objects (
                seq BIGINT PRIMARY KEY, collection TEXT NOT NULL, object_id TEXT NOT NULL, type TEXT NOT NULL,
                version TEXT NOT NULL, spec_version TEXT NOT NULL, date_added BIGINT NOT NULL, body TEXT NOT NULL,
                UNIQUE (collection, object_id, version))
            """,
            "CREATE INDEX taxii_objects_added ON taxii_objects (collection, date_added, seq)",
            "CREATE INDEX taxii_objects_object ON taxii_objects (collection, object_id, version)",
            """
            CREATE TABLE taxii_status (
                id TEXT PRIMARY KEY, collection TEXT NOT NULL, organisation_id TEXT NOT NULL, status TEXT NOT NULL,
                total BIGINT NOT NULL, success BIGINT NOT NULL, failure BIGINT NOT NULL, pending BIGINT NOT NULL,
                details TEXT NOT NULL, request_timestamp BIGINT NOT NULL)
            """,
        ]
    }
}
