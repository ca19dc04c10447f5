/// The constituency (SPEC C5): what each organisation is and owns, how to reach it, the routing
/// table that turns its ASes into prefixes, the owner of each sighting's client, and the notice
/// outbox.
enum Schema10 {
    static let migration = Migration(version: 10, name: "constituency") { _ in
        [
            "ALTER TABLE organisations ADD COLUMN sector TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE organisations ADD COLUMN critical_infrastructure BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE organisations ADD COLUMN protection_level BIGINT NOT NULL DEFAULT 1",
            "ALTER TABLE organisations ADD COLUMN language TEXT NOT NULL DEFAULT 'en'",
            "ALTER TABLE organisations ADD COLUMN notice_period TEXT NOT NULL DEFAULT 'daily'",
            "ALTER TABLE organisations ADD COLUMN webhook_url TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE organisations ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE organisations ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0",
            """
            CREATE TABLE organisation_resources (
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (organisation_id, kind, value))
            """,
            "CREATE INDEX organisation_resources_value ON organisation_resources (kind, value)",
            """
            CREATE TABLE organisation_contacts (
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                email TEXT NOT NULL, PRIMARY KEY (organisation_id, email))
            """,
            """
            CREATE TABLE routing_prefixes (
                prefix TEXT NOT NULL, asn BIGINT NOT NULL, PRIMARY KEY (prefix, asn))
            """,
            "CREATE INDEX routing_prefixes_asn ON routing_prefixes (asn)",
            "ALTER TABLE sightings ADD COLUMN organisation_id TEXT",
            "ALTER TABLE sightings ADD COLUMN client_address TEXT",
            "ALTER TABLE sighting_hits ADD COLUMN organisation_id TEXT",
            "ALTER TABLE sightings ADD COLUMN recorded_at BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX sightings_organisation ON sightings (organisation_id, recorded_at)",
            "CREATE INDEX indicators_constituency ON indicators (constituency_org, created_at)",
            """
            CREATE TABLE notices (
                id TEXT PRIMARY KEY,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                channel TEXT NOT NULL, period_start BIGINT NOT NULL, period_end BIGINT NOT NULL,
                language TEXT NOT NULL, recipients TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
                attachment TEXT NOT NULL, event_count BIGINT NOT NULL, status TEXT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0, next_attempt_at BIGINT NOT NULL, last_error TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL, sent_at BIGINT, updated_at BIGINT NOT NULL,
                UNIQUE (organisation_id, channel, period_start))
            """,
            "CREATE INDEX notices_due ON notices (status, next_attempt_at)",
            "CREATE INDEX notices_organisation ON notices (organisation_id, created_at)",
            "CREATE TABLE notice_marks (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
            "CREATE TABLE constituency_remaps (id BIGINT PRIMARY KEY, fingerprint TEXT NOT NULL, remapped_at BIGINT NOT NULL)",
        ]
    }
}
