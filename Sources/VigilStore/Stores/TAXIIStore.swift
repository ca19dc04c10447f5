import SQLKit

/// The object versions of TAXII 2.1 collections, each with the time it was added, in the order
/// added (`seq`), and the status resources of posted objects.
public struct TAXIIStore: Sendable {
    /// One stored object version.
    public struct Version: Sendable, Hashable {
        public var seq: Int64
        public var objectID: String
        public var type: String
        public var version: String
        public var specVersion: String
        public var dateAdded: Int64
        public var body: String
    }

    /// Which versions of each object a query wants (`match[version]`).
    public enum VersionMatch: Sendable, Hashable {
        case last, first, all
        case at(String)
    }

    /// A query of one collection.
    public struct Query: Sendable {
        public var addedAfter: Int64?
        public var ids: [String] = []
        public var types: [String] = []
        public var versions: [VersionMatch] = [.last]
        public var specVersions: [String] = []
        /// Continue after this `seq` (the `next` token).
        public var afterSeq: Int64 = 0
        public var limit: Int

        /// A query.
        public init(limit: Int) { self.limit = limit }
    }

    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// The latest stored version of each object of `collection` among `ids`.
    public func latestVersions(collection: String) async throws -> [String: String] {
        var latest: [String: String] = [:]
        for row in try await db.raw("""
            SELECT object_id, MAX(version) AS version FROM taxii_objects WHERE collection = \(bind: collection) GROUP BY object_id
            """).all() {
            latest[try row.string("object_id")] = try row.string("version")
        }
        return latest
    }

    /// Adds object versions to `collection`, all with `dateAdded`; ones already stored are skipped.
    public func add(_ versions: [(objectID: String, type: String, version: String, specVersion: String, body: String)],
                    collection: String, dateAdded: Int64) async throws -> Int {
        guard !versions.isEmpty else { return 0 }
        var seq = try await db.raw("SELECT COALESCE(MAX(seq), 0) AS n FROM taxii_objects").first()?.int64("n") ?? 0
        var added = 0
        for start in stride(from: 0, to: versions.count, by: 2000) {
            var rows = BulkRows()
            for v in versions[start..<min(start + 2000, versions.count)] {
                seq += 1
                rows.beginRow()
                rows.add(seq); rows.add(collection); rows.add(v.objectID); rows.add(v.type); rows.add(v.version)
                rows.add(v.specVersion); rows.add(dateAdded); rows.add(v.body)
                rows.endRow()
                added += 1
            }
            try await db.insert(
                into: "taxii_objects",
                [BulkColumn("seq", integer: true), "collection", "object_id", "type", "version", "spec_version",
                 BulkColumn("date_added", integer: true), "body"],
                rows: rows, ignoringConflicts: true)
        }
        return added
    }

    /// One page of `collection` for `query`, in the order added; `more` when another page follows.
    public func page(collection: String, query: Query) async throws -> (versions: [Version], more: Bool) {
        var sql: SQLQueryString = "SELECT * FROM taxii_objects t WHERE t.collection = \(bind: collection) AND t.seq > \(bind: query.afterSeq)"
        if let after = query.addedAfter { sql = "\(sql) AND t.date_added > \(bind: after)" }
        if !query.ids.isEmpty { sql = "\(sql) AND t.object_id IN (\(db.list(query.ids)))" }
        if !query.types.isEmpty { sql = "\(sql) AND t.type IN (\(db.list(query.types)))" }
        if !query.specVersions.isEmpty { sql = "\(sql) AND t.spec_version IN (\(db.list(query.specVersions)))" }
        if !query.versions.contains(.all) {
            var alternatives: [SQLQueryString] = []
            for match in query.versions {
                switch match {
                case .last:
                    alternatives.append("t.version = (SELECT MAX(v.version) FROM taxii_objects v WHERE v.collection = t.collection AND v.object_id = t.object_id)")
                case .first:
                    alternatives.append("t.version = (SELECT MIN(v.version) FROM taxii_objects v WHERE v.collection = t.collection AND v.object_id = t.object_id)")
                case .at(let version): alternatives.append("t.version = \(bind: version)")
                case .all: break
                }
            }
            var joined: SQLQueryString = "(0 = 1"
            for alternative in alternatives { joined = "\(joined) OR \(alternative)" }
            sql = "\(sql) AND \(joined))"
        }
        sql = "\(sql) ORDER BY t.seq LIMIT \(unsafeRaw: String(query.limit + 1))"
        let rows = try await db.raw(sql).all().map { row in
            Version(seq: try row.int64("seq"), objectID: try row.string("object_id"), type: try row.string("type"),
                    version: try row.string("version"), specVersion: try row.string("spec_version"),
                    dateAdded: try row.int64("date_added"), body: try row.string("body"))
        }
        return (Array(rows.prefix(query.limit)), rows.count > query.limit)
    }

    /// Saves a status resource (its details as JSON text).
    public func saveStatus(
        id: String, collection: String, organisationID: String, total: Int, success: Int, failure: Int, details: String, at now: Int64
    ) async throws {
        try await db.raw("""
            INSERT INTO taxii_status (id, collection, organisation_id, status, total, success, failure, pending, details, request_timestamp) \
            VALUES (\(bind: id), \(bind: collection), \(bind: organisationID), 'complete', \(bind: Int64(total)), \(bind: Int64(success)), \
            \(bind: Int64(failure)), 0, \(bind: details), \(bind: now))
            """).run()
    }

    /// A status resource: its organisation, counts and details.
    public func status(id: String) async throws -> (organisationID: String, total: Int, success: Int, failure: Int, details: String, at: Int64)? {
        guard let row = try await db.raw("SELECT * FROM taxii_status WHERE id = \(bind: id)").first() else { return nil }
        return (try row.string("organisation_id"), try row.int("total"), try row.int("success"), try row.int("failure"),
                try row.string("details"), try row.int64("request_timestamp"))
    }
}
