import SQLKit
import VigilCore

/// Appeals against listings.
public struct AppealStore: Sendable {
    /// A stored appeal.
    public struct Appeal: Sendable, Equatable {
        /// Id (staff use it; appellants have the tracking id).
        public var id: String
        /// The listed resource, as the appellant wrote it.
        public var resource: String
        /// Why it should not be listed.
        public var reason: String
        /// Where to answer.
        public var contactEmail: String
        /// Where it stands.
        public var status: AppealStatus
        /// The analyst's reason for the decision.
        public var decision: String
        /// Who decided.
        public var decidedBy: String?
        /// When it came in, Unix milliseconds.
        public var createdAt: Int64
        /// When it was decided.
        public var decidedAt: Int64?

        /// An appeal.
        public init(id: String, resource: String, reason: String, contactEmail: String, status: AppealStatus = .received,
                    decision: String = "", decidedBy: String? = nil, createdAt: Int64, decidedAt: Int64? = nil) {
            self.id = id
            self.resource = resource
            self.reason = reason
            self.contactEmail = contactEmail
            self.status = status
            self.decision = decision
            self.decidedBy = decidedBy
            self.createdAt = createdAt
            self.decidedAt = decidedAt
        }
    }

    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Stores a new appeal under the digest of its tracking id and of the sender's address.
    public func insert(_ appeal: Appeal, trackingHash: String, clientHash: String) async throws {
        try await db.insert(into: "appeals")
            .columns("id", "tracking_hash", "resource", "reason", "contact_email", "status", "created_at", "client_hash")
            .values(SQLBind(appeal.id), SQLBind(trackingHash), SQLBind(appeal.resource), SQLBind(appeal.reason),
                    SQLBind(appeal.contactEmail), SQLBind(appeal.status.rawValue), SQLBind(appeal.createdAt), SQLBind(clientHash))
            .run()
    }

    /// Appeals sent from one address since `time`.
    public func count(clientHash: String, since time: Int64) async throws -> Int {
        try await db.raw("""
            SELECT count(*) AS n FROM appeals WHERE client_hash = \(bind: clientHash) AND created_at >= \(bind: time)
            """).first()?.int("n") ?? 0
    }

    /// The appeal with this tracking id digest.
    public func find(trackingHash: String) async throws -> Appeal? {
        try await db.select().columns("*").from("appeals").where("tracking_hash", .equal, trackingHash).first().map(Self.record)
    }

    /// The appeal with this id.
    public func find(id: String) async throws -> Appeal? {
        try await db.select().columns("*").from("appeals").where("id", .equal, id).first().map(Self.record)
    }

    /// Appeals newest first, optionally of one status.
    public func list(status: AppealStatus? = nil, limit: Int = 500) async throws -> [Appeal] {
        var query = db.select().columns("*").from("appeals")
        if let status { query = query.where("status", .equal, status.rawValue) }
        return try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all().map(Self.record)
    }

    /// Records the decision.
    public func decide(id: String, status: AppealStatus, decision: String, by username: String, at time: Int64) async throws {
        try await db.update("appeals").set("status", to: status.rawValue).set("decision", to: decision)
            .set("decided_by", to: username).set("decided_at", to: time).where("id", .equal, id).run()
    }

    static func record(_ row: any SQLRow) throws -> Appeal {
        Appeal(
            id: try row.string("id"), resource: try row.string("resource"), reason: try row.string("reason"),
            contactEmail: try row.string("contact_email"),
            status: try row.enumValue("status", table: "appeals", as: AppealStatus.self), decision: try row.string("decision"),
            decidedBy: try row.optionalString("decided_by"), createdAt: try row.int64("created_at"),
            decidedAt: try row.optionalInt64("decided_at"))
    }
}
