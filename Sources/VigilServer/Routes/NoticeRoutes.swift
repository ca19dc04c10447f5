import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/api/v1/notices`: the outbox of notices to the constituency, each reader seeing its own
/// organisation's (CERT staff: all); a run of composing and delivering on demand.
enum NoticeRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let notices = services.notices
        table.add(Endpoint(
            .get, "/api/v1/notices", summary: "Notices, newest first: all for CERT staff, the caller's organisation's otherwise",
            tag: "notices", access: .authenticated, response: "NoticeList",
            query: [
                QueryParameter("organisation_id", "string", "one organisation's notices"),
                QueryParameter("status", "string", NoticeStatus.allCases.map(\.rawValue).joined(separator: ", ")),
                QueryParameter("before", "string", "RFC 3339 time: notices composed before it (the next page)"),
            ])) { request, context in
            let status = try request.query("status").map { text -> NoticeStatus in
                guard let status = NoticeStatus(rawValue: text) else {
                    throw ServiceError.invalid(field: "status", message: NoticeStatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return status
            }
            let before = try Resources.millis(query: "before", of: request)
            let list = try await notices.list(
                for: try context.requirePrincipal(), organisationID: try request.query("organisation_id"), status: status,
                before: before)
            return try .json(list.map { Resources.Notice($0, full: false) })
        }
        table.add(Endpoint(
            .get, "/api/v1/notices/{id}", summary: "One notice with its text and events", tag: "notices",
            access: .authenticated, response: "Notice")) { _, context in
            let notice = try await notices.find(id: try context.pathParameter("id"), for: try context.requirePrincipal())
            return try .json(Resources.Notice(notice, full: true))
        }
        table.add(Endpoint(
            .post, "/api/v1/notices/{id}/resend", summary: "Queue a sent, failed or unconfirmed notice again", tag: "notices",
            access: .staff, response: "Notice")) { _, context in
            let notice = try await notices.resend(id: try context.pathParameter("id"), by: try context.requirePrincipal())
            return try .json(Resources.Notice(notice, full: false))
        }
        table.add(Endpoint(
            .post, "/api/v1/notices/round", summary: "Compose due notices and deliver the outbox now (the server does it every round)",
            tag: "notices", access: .staff, response: "NoticeRound")) { _, _ in
            let composed = try await notices.compose()
            let delivered = try await notices.deliver()
            return try .json(Resources.NoticeRound(composed: composed, delivered: delivered))
        }
    }
}

extension Resources {
    /// A notice; the text, payload and events only in `full`.
    struct Notice: Codable, Sendable {
        let id: String, organisation_id: String, channel: String, period_start: String?, period_end: String?
        let language: String, recipients: String, subject: String, event_count: Int, status: String, attempts: Int
        let last_error: String, created_at: String?, sent_at: String?, next_attempt_at: String?
        let body: String?, attachment: String?

        init(_ record: NoticeRecord, full: Bool) {
            id = record.id
            organisation_id = record.organisationID
            channel = record.channel.rawValue
            period_start = time(record.periodStart)
            period_end = time(record.periodEnd)
            language = record.language.rawValue
            recipients = record.recipients
            subject = record.subject
            event_count = record.eventCount
            status = record.status.rawValue
            attempts = record.attempts
            last_error = record.lastError
            created_at = time(record.createdAt)
            sent_at = time(record.sentAt)
            next_attempt_at = record.status == .queued ? time(record.nextAttemptAt) : nil
            body = full ? record.body : nil
            attachment = full ? record.attachment : nil
        }
    }

    /// What a round did.
    struct NoticeRound: Codable, Sendable {
        let composed: NoticeService.ComposeReport, delivered: NoticeService.DeliveryReport
    }
}

extension OpenAPISchemas {
    /// Schemas of the notice routes.
    static var notices: [String: Any] {
        [
            "Notice": object([
                "id": string, "organisation_id": string, "channel": enumeration(["email", "webhook"]), "period_start": time,
                "period_end": time, "language": string, "recipients": string, "subject": string, "event_count": integer,
                "status": enumeration(NoticeStatus.allCases.map(\.rawValue)), "attempts": integer, "last_error": string,
                "created_at": time, "sent_at": time, "next_attempt_at": time, "body": nullableString, "attachment": nullableString,
            ], required: ["id", "organisation_id", "channel", "status"]),
            "NoticeList": list("Notice"),
            "NoticeRound": object([
                "composed": object(["notices": integer, "events": integer, "undeliverable": integer, "withheld": integer]),
                "delivered": object(["sent": integer, "retrying": integer, "failed": integer, "unconfirmed": integer]),
            ], required: ["composed", "delivered"]),
        ]
    }
}
