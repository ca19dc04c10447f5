import VigilCore
import VigilStore

extension NoticeService {
    /// After a restart: settles the attempts a crash cut short (see `NoticeStatus`).
    @discardableResult
    public func recoverInterrupted() async throws -> Int {
        try await NoticeStore(database.sql).recoverInterrupted(at: Clock.nowMillis())
    }

    /// Delivers the notices that are due, one at a time, oldest first.
    @discardableResult
    public func deliver(now: Int64 = Clock.nowMillis(), limit: Int = 200) async throws -> DeliveryReport {
        var report = DeliveryReport()
        let store = NoticeStore(database.sql)
        let organisations = Dictionary(uniqueKeysWithValues: try await OrganisationStore(database.sql).all().map { ($0.id, $0) })
        for notice in try await store.due(at: now, limit: limit) {
            if notice.channel == .email, mail == nil { continue }  // e-mail is off: it waits
            guard try await store.transition(id: notice.id, from: .queued, to: .sending, at: Clock.nowMillis(), countAttempt: true) else { continue }
            let attempt = notice.attempts + 1
            let outcome: DeliveryOutcome
            switch notice.channel {
            case .email:
                let name = organisations[notice.organisationID]?.name ?? notice.organisationID
                outcome = await mail!.send(notice, organisation: name) {
                    try await store.transition(id: notice.id, from: .sending, to: .committing, at: Clock.nowMillis())
                }
            case .webhook:
                let secret = organisations[notice.organisationID]?.webhookSecret ?? ""
                try await store.transition(id: notice.id, from: .sending, to: .committing, at: Clock.nowMillis())
                outcome = await webhooks.post(
                    notice.body, to: notice.recipients, secret: secret, deliveryID: notice.id, now: Clock.nowMillis())
            }
            try await record(outcome, of: notice, attempt: attempt, into: &report)
        }
        return report
    }

    private func record(_ outcome: DeliveryOutcome, of notice: NoticeRecord, attempt: Int, into report: inout DeliveryReport) async throws {
        let store = NoticeStore(database.sql)
        let at = Clock.nowMillis()
        switch outcome {
        case .sent(let reply):
            try await store.markSent(id: notice.id, at: at, reply: reply)
            report.sent += 1
            return
        case .retry(let why) where attempt < settings.maxAttempts:
            let wait = Int64(settings.retryBaseSeconds) * 1000 << Int64(min(attempt - 1, 20))
            try await store.markFailed(id: notice.id, error: why, status: .queued, retryAt: at + min(wait, 86_400_000), at: at)
            report.retrying += 1
        case .retry(let why), .refused(let why):
            try await store.markFailed(id: notice.id, error: why, status: .failed, retryAt: nil, at: at)
            report.failed += 1
        case .unconfirmed(let why):
            try await store.markFailed(id: notice.id, error: why, status: .unconfirmed, retryAt: nil, at: at)
            report.unconfirmed += 1
        }
        logger.warning("notice not delivered", metadata: ["notice": "\(notice.id)", "attempt": "\(attempt)", "outcome": "\(outcome)"])
    }
}
