import SQLKit

/// The operator's own allowlist: entries (IP, CIDR, domain, `*.domain`) never to act on.
public struct AllowlistStore: Sendable {
    /// One entry as stored.
    public struct Entry: Sendable, Codable, Hashable {
        /// Id.
        public var id: String
        /// The entry text.
        public var entry: String
        /// Why it is there.
        public var comment: String
        /// Who added it.
        public var createdBy: String
        /// When, epoch milliseconds.
        public var createdAt: Int64

        /// Creates an entry.
        public init(id: String, entry: String, comment: String, createdBy: String, createdAt: Int64) {
            self.id = id
            self.entry = entry
            self.comment = comment
            self.createdBy = createdBy
            self.createdAt = createdAt
        }
    }

    private let db: any SQLDatabase

    /// A store working on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Adds an entry.
    public func insert(_ entry: Entry) async throws {
        try await db.insert(into: "allowlist").columns("id", "entry", "comment", "created_by", "created_at")
            .values(SQLBind(entry.id), SQLBind(entry.entry), SQLBind(entry.comment), SQLBind(entry.createdBy),
                    SQLBind(entry.createdAt))
            .run()
    }

    /// All entries, oldest first.
    public func all() async throws -> [Entry] {
        try await db.select().columns("*").from("allowlist").orderBy("created_at").orderBy("id").all().map { row in
            Entry(id: try row.string("id"), entry: try row.string("entry"), comment: try row.string("comment"),
                  createdBy: try row.string("created_by"), createdAt: try row.int64("created_at"))
        }
    }

    /// Removes an entry; returns whether it existed.
    public func delete(entry: String) async throws -> Bool {
        let before = try await db.select().column("id").from("allowlist").where("entry", .equal, entry).first()
        guard before != nil else { return false }
        try await db.delete(from: "allowlist").where("entry", .equal, entry).run()
        return true
    }
}
