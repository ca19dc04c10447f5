/// Sightings from telemetry: counts per (indicator, observer, client, hour), so a busy resolver
/// adds to a row instead of a row per query, and the raw hits (with where in the input they
/// were) for as long as the retention keeps them; and how far each followed log has been read,
/// saved with the sightings of the lines before it.
enum Schema9 {
    static let migration = Migration(version: 9, name: "sightings") { _ in
        [
            """
            CREATE TABLE sightings (
                indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
                observer TEXT NOT NULL, client TEXT NOT NULL, hour BIGINT NOT NULL,
                count BIGINT NOT NULL, first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL,
                PRIMARY KEY (indicator_id, observer, client, hour))
            """,
            "CREATE INDEX sightings_last_seen ON sightings (last_seen)",
            """
            CREATE TABLE sighting_hits (
                indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
                observer TEXT NOT NULL, client TEXT NOT NULL, seen_at BIGINT NOT NULL,
                observed TEXT NOT NULL, input TEXT NOT NULL, line BIGINT NOT NULL)
            """,
            "CREATE INDEX sighting_hits_indicator ON sighting_hits (indicator_id, seen_at)",
            "CREATE INDEX sighting_hits_seen_at ON sighting_hits (seen_at)",
            """
            CREATE TABLE match_checkpoints (
                observer TEXT NOT NULL, input TEXT NOT NULL, file_id TEXT NOT NULL, byte_offset BIGINT NOT NULL,
                line BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (observer, input))
            """,
        ]
    }
}
