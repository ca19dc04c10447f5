import Foundation
import VigilCore
import VigilStore

/// Appeals by owners of listed resources (SPEC C4): anyone may appeal without an account and
/// follows it by tracking id only; CERT staff accept or refuse with a reason. Accepting marks the
/// resource's indicators false-positive and allowlists it, so every blocklist drops it at its next
/// generation. Every step is audited.
public struct AppealService: Sendable {
    /// Appeals accepted per sender address per hour.
    public static let perAddressPerHour = 5

    /// What the appellant gets back.
    public struct Receipt: Sendable, Codable, Equatable {
        /// The secret to follow the appeal with; shown once.
        public let trackingID: String
        /// Where it stands.
        public let status: AppealStatus
    }

    /// What the appellant may see of an appeal.
    public struct PublicStatus: Sendable, Codable, Equatable {
        /// Where it stands.
        public let status: AppealStatus
        /// The decision's reason, once decided.
        public let decision: String
        /// When it came in, Unix milliseconds.
        public let createdAt: Int64
        /// When it was decided.
        public let decidedAt: Int64?
    }

    private let database: VigilDatabase
    private let warningLists: WarningListService

    /// A service over `database`; accepted appeals go to the allowlist of `warningLists`.
    public init(database: VigilDatabase, warningLists: WarningListService) {
        self.database = database
        self.warningLists = warningLists
    }

    /// Files an appeal from `clientAddress` (no account needed).
    public func submit(
        resource: String, reason: String, contactEmail: String, clientAddress: String, now: Int64 = Clock.nowMillis()
    ) async throws -> Receipt {
        let resource = resource.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2_048).contains(resource.utf8.count) else { throw ServiceError.invalid(field: "resource", message: "1 to 2,048 bytes") }
        guard (1...4_000).contains(reason.count) else { throw ServiceError.invalid(field: "reason", message: "1 to 4,000 characters") }
        let email: String
        do { email = try EmailAddress(parsing: contactEmail).canonical } catch {
            throw ServiceError.invalid(field: "contact_email", message: "not an e-mail address")
        }
        let clientHash = Secrets.sha256Hex("appeal-client:" + clientAddress)
        let trackingID = Secrets.random(bytes: 18)
        let appeal = AppealStore.Appeal(id: Secrets.newID(), resource: resource, reason: reason, contactEmail: email, createdAt: now)
        try await database.transaction { db in
            let store = AppealStore(db)
            guard try await store.count(clientHash: clientHash, since: now - 3_600_000) < Self.perAddressPerHour else {
                throw ServiceError.rateLimited(retryAfterSeconds: 3_600)
            }
            try await store.insert(appeal, trackingHash: Secrets.sha256Hex(trackingID), clientHash: clientHash)
            try await AuditLog().record(actor: "public", action: "appeal.received", target: appeal.id,
                                        details: ["resource": String(resource.prefix(200))], on: db)
        }
        return Receipt(trackingID: trackingID, status: .received)
    }

    /// The appeal behind a tracking id, as its appellant may see it.
    public func status(trackingID: String) async throws -> PublicStatus {
        guard trackingID.utf8.count <= 64,
              let appeal = try await AppealStore(database.sql).find(trackingHash: Secrets.sha256Hex(trackingID))
        else { throw ServiceError.notFound("appeal") }
        return PublicStatus(status: appeal.status, decision: appeal.decision, createdAt: appeal.createdAt, decidedAt: appeal.decidedAt)
    }

    /// Appeals for CERT staff, newest first.
    public func list(status: AppealStatus? = nil, for principal: Principal) async throws -> [AppealStore.Appeal] {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot read appeals") }
        return try await AppealStore(database.sql).list(status: status)
    }

    /// Accepts or refuses an appeal with a reason (CERT staff). Accepting marks every active
    /// indicator with the resource's value false-positive and allowlists the value.
    public func decide(_ id: String, accept: Bool, reason: String, by principal: Principal,
                       now: Int64 = Clock.nowMillis()) async throws -> AppealStore.Appeal {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot decide appeals") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...4_000).contains(reason.count) else { throw ServiceError.invalid(field: "reason", message: "a decision needs a reason") }
        guard let appeal = try await AppealStore(database.sql).find(id: id) else { throw ServiceError.notFound("appeal \(id)") }
        guard appeal.status == .received else { throw ServiceError.conflict("the appeal is already \(appeal.status.rawValue)") }
        let value = try? IndicatorValue(detecting: appeal.resource)
        if accept, let value {
            // The allowlist takes addresses, networks and names; for other values the false-positive mark suffices.
            do { _ = try await warningLists.allow(value.canonical, comment: "appeal \(id)", by: principal) } catch ServiceError.invalid {
            } catch ServiceError.conflict {}
        }
        let status: AppealStatus = accept ? .accepted : .refused
        try await database.transaction { db in
            var delisted = 0
            if accept, let value {
                let indicators = IndicatorStore(db)
                for indicator in try await indicators.search(IndicatorQuery(value: value.canonical, limit: 100), scope: .system).items
                where indicator.status == .active {
                    try await indicators.setStatus(id: indicator.id, status: .falsePositive, at: now)
                    try await indicators.appendHistory(HistoryRecord(
                        id: Secrets.newID(), indicatorID: indicator.id, at: now, actor: principal.username,
                        change: "false-positive", details: "appeal \(id) accepted: \(reason.prefix(500))"))
                    delisted += 1
                }
            }
            try await AppealStore(db).decide(id: id, status: status, decision: reason, by: principal.username, at: now)
            try await AuditLog().record(
                actor: principal.username, action: "appeal.\(status.rawValue)", target: id,
                details: ["resource": String(appeal.resource.prefix(200)), "delisted": String(delisted)], on: db)
        }
        return try await AppealStore(database.sql).find(id: id) ?? appeal
    }
}
