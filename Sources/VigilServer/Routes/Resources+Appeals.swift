import VigilCore
import VigilServices
import VigilStore

extension Resources {
    /// A new appeal.
    struct NewAppeal: Codable, Sendable { let resource: String, reason: String, contact_email: String }
    /// What the appellant gets back.
    struct AppealReceipt: Codable, Sendable { let tracking_id: String, status: String }
    /// A tracking id, in a body so it never lands in a URL or an access log.
    struct AppealTracking: Codable, Sendable { let tracking_id: String }
    /// A decision's reason.
    struct AppealDecision: Codable, Sendable { let reason: String }

    /// What the appellant sees.
    struct AppealStatus: Codable, Sendable {
        let status: String, decision: String, created_at: String?, decided_at: String?

        init(_ status: AppealService.PublicStatus) {
            self.status = status.status.rawValue
            decision = status.decision
            created_at = time(status.createdAt)
            decided_at = time(status.decidedAt)
        }
    }

    /// An appeal as CERT staff see it.
    struct Appeal: Codable, Sendable {
        let id: String, resource: String, reason: String, contact_email: String, status: String, decision: String
        let decided_by: String?, created_at: String?, decided_at: String?

        init(_ appeal: AppealStore.Appeal) {
            id = appeal.id
            resource = appeal.resource
            reason = appeal.reason
            contact_email = appeal.contactEmail
            status = appeal.status.rawValue
            decision = appeal.decision
            decided_by = appeal.decidedBy
            created_at = time(appeal.createdAt)
            decided_at = time(appeal.decidedAt)
        }
    }
}
