/// Suricata rule ids: one per (indicator, rule kind), assigned once, so that a rule keeps its
/// sid across regenerations and sensors can track, suppress and threshold it.
enum Schema8 {
    static let migration = Migration(version: 8, name: "suricata-sids") { _ in
        [
            """
            CREATE TABLE suricata_sids (
                indicator_id TEXT NOT NULL, kind TEXT NOT NULL, sid BIGINT NOT NULL UNIQUE,
                PRIMARY KEY (indicator_id, kind))
            """,
        ]
    }
}
