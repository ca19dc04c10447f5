import VigilCore
import VigilStore

extension NoticeService {
    /// The notices `principal` may read, newest first: all for administrators and analysts, their
    /// own organisation's for everyone else.
    public func list(
        for principal: Principal, organisationID: String? = nil, status: NoticeStatus? = nil, before: Int64? = nil, limit: Int = 100
    ) async throws -> [NoticeRecord] {
        let scope = principal.role.readsEveryOrganisation ? organisationID : principal.organisationID
        if !principal.role.readsEveryOrganisation, let organisationID, organisationID != principal.organisationID { return [] }
        return try await NoticeStore(database.sql).list(organisationID: scope, status: status, before: before, limit: limit)
    }

    /// One notice, if `principal` may read it (not found otherwise, so ids cannot be probed).
    public func find(id: String, for principal: Principal) async throws -> NoticeRecord {
        guard let notice = try await NoticeStore(database.sql).find(id: id),
              principal.role.readsEveryOrganisation || notice.organisationID == principal.organisationID
        else { throw ServiceError.notFound("notice \(id)") }
        return notice
    }

    /// Queues a sent, failed or unconfirmed notice again (analysts and administrators), audited.
    public func resend(id: String, by principal: Principal) async throws -> NoticeRecord {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("only analysts and administrators resend notices") }
        let notice = try await find(id: id, for: principal)
        try await database.transaction { db in
            guard try await NoticeStore(db).requeue(id: id, at: Clock.nowMillis()) else {
                throw ServiceError.conflict("notice \(id) is \(notice.status.rawValue); only sent, failed or unconfirmed notices are resent")
            }
            try await AuditLog().record(actor: principal.username, action: "notice.resend", target: id, on: db)
        }
        return try await find(id: id, for: principal)
    }
}

extension Role {
    /// CERT staff read every organisation's constituency data; everyone else only their own.
    public var readsEveryOrganisation: Bool { self == .admin || self == .analyst }
}
