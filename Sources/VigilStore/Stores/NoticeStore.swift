import SQLKit
import VigilCore

/// The notice outbox, and how far each organisation's events have been composed into notices.
public struct NoticeStore: Sendable {
    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Queues `notices`; one already composed for the same organisation, channel and period is kept.
    public func insert(_ notices: [NoticeRecord]) async throws {
        let columns: [BulkColumn] = [
            "id", "organisation_id", "channel", BulkColumn("period_start", integer: true), BulkColumn("period_end", integer: true),
            "language", "recipients", "subject", "body", "attachment", BulkColumn("event_count", integer: true), "status",
            BulkColumn("attempts", integer: true), BulkColumn("next_attempt_at", integer: true), "last_error",
            BulkColumn("created_at", integer: true), BulkColumn("updated_at", integer: true),
        ]
        for start in stride(from: 0, to: notices.count, by: 500) {
            var rows = BulkRows()
            for n in notices[start..<min(start + 500, notices.count)] {
                rows.beginRow()
                rows.add(n.id); rows.add(n.organisationID); rows.add(n.channel.rawValue); rows.add(n.periodStart)
                rows.add(n.periodEnd); rows.add(n.language.rawValue); rows.add(n.recipients); rows.add(n.subject)
                rows.add(n.body); rows.add(n.attachment); rows.add(n.eventCount); rows.add(n.status.rawValue)
                rows.add(n.attempts); rows.add(n.nextAttemptAt); rows.add(n.lastError); rows.add(n.createdAt)
                rows.add(n.createdAt)
                rows.endRow()
            }
            try await db.insert(into: "notices", columns, rows: rows, ignoringConflicts: true)
        }
    }

    /// Queued notices whose next attempt is due, oldest first.
    public func due(at now: Int64, limit: Int) async throws -> [NoticeRecord] {
        try await db.raw("""
            SELECT * FROM notices WHERE status = 'queued' AND next_attempt_at <= \(bind: now) \
            ORDER BY next_attempt_at, id LIMIT \(unsafeRaw: String(max(1, limit)))
            """).all().map(Self.record)
    }

    /// Moves a notice from `from` to `to` if it is still in `from`; false when another worker
    /// (or an analyst) changed it first.
    @discardableResult
    public func transition(
        id: String, from: NoticeStatus, to: NoticeStatus, at now: Int64, countAttempt: Bool = false
    ) async throws -> Bool {
        let attempts = countAttempt ? "attempts + 1" : "attempts"
        let claimed = try await db.raw("""
            UPDATE notices SET status = \(bind: to.rawValue), attempts = \(unsafeRaw: attempts), updated_at = \(bind: now) \
            WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id
            """).all()
        return !claimed.isEmpty
    }

    /// Records that the server accepted the notice.
    public func markSent(id: String, at now: Int64, reply: String) async throws {
        try await db.raw("""
            UPDATE notices SET status = 'sent', sent_at = \(bind: now), updated_at = \(bind: now), \
            last_error = \(bind: String(reply.prefix(1000))) WHERE id = \(bind: id)
            """).run()
    }

    /// Records an attempt that did not end in `sent`: `status` is `queued` (again, for `retryAt`),
    /// `failed` or `unconfirmed`; `error` says why, with the server's reply when there was one.
    public func markFailed(id: String, error: String, status: NoticeStatus, retryAt: Int64?, at now: Int64) async throws {
        try await db.raw("""
            UPDATE notices SET status = \(bind: status.rawValue), last_error = \(bind: String(error.prefix(1000))), \
            next_attempt_at = \(bind: retryAt ?? now), updated_at = \(bind: now) WHERE id = \(bind: id)
            """).run()
    }

    /// After a restart: attempts a crash cut short. E-mails that were being handed over become
    /// `unconfirmed`; everything else is queued again. Returns the notices changed.
    @discardableResult
    public func recoverInterrupted(at now: Int64) async throws -> Int {
        let unconfirmed = try await db.raw("""
            UPDATE notices SET status = 'unconfirmed', updated_at = \(bind: now), \
            last_error = 'Vigil stopped while the mail server was accepting this notice; it may have arrived and is not resent by itself' \
            WHERE status = 'committing' AND channel = 'email' RETURNING id
            """).all()
        let requeued = try await db.raw("""
            UPDATE notices SET status = 'queued', updated_at = \(bind: now) \
            WHERE status IN ('sending', 'committing') RETURNING id
            """).all()
        return unconfirmed.count + requeued.count
    }

    /// Queues a notice again (an analyst's resend of a failed or unconfirmed one).
    public func requeue(id: String, at now: Int64) async throws -> Bool {
        !(try await db.raw("""
            UPDATE notices SET status = 'queued', next_attempt_at = \(bind: now), updated_at = \(bind: now) \
            WHERE id = \(bind: id) AND status IN ('failed', 'unconfirmed', 'sent') RETURNING id
            """).all()).isEmpty
    }

    /// Notices, newest first: of one organisation, or all when nil.
    public func list(organisationID: String?, status: NoticeStatus?, before: Int64?, limit: Int) async throws -> [NoticeRecord] {
        var sql: SQLQueryString = "SELECT * FROM notices WHERE 1 = 1"
        if let organisationID { sql = "\(sql) AND organisation_id = \(bind: organisationID)" }
        if let status { sql = "\(sql) AND status = \(bind: status.rawValue)" }
        if let before { sql = "\(sql) AND created_at < \(bind: before)" }
        sql = "\(sql) ORDER BY created_at DESC, id LIMIT \(unsafeRaw: String(max(1, min(limit, 1000))))"
        return try await db.raw(sql).all().map(Self.record)
    }

    /// One notice.
    public func find(id: String) async throws -> NoticeRecord? {
        try await db.raw("SELECT * FROM notices WHERE id = \(bind: id)").first().map(Self.record)
    }

    /// Notices per status.
    public func countsByStatus() async throws -> [NoticeStatus: Int] {
        var counts: [NoticeStatus: Int] = [:]
        for row in try await db.raw("SELECT status, COUNT(*) AS n FROM notices GROUP BY status").all() {
            if let status = NoticeStatus(rawValue: try row.string("status")) { counts[status] = try row.int("n") }
        }
        return counts
    }

    /// Up to when each organisation's events have been composed (Unix milliseconds).
    public func composedUntil() async throws -> [String: Int64] {
        var marks: [String: Int64] = [:]
        for row in try await db.raw("SELECT name, value FROM notice_marks").all() {
            marks[try row.string("name")] = try row.int64("value")
        }
        return marks
    }

    /// Sets the composed-until marks of organisations.
    public func setComposedUntil(_ marks: [String: Int64]) async throws {
        var rows = BulkRows()
        for (organisationID, value) in marks {
            rows.beginRow(); rows.add(organisationID); rows.add(value); rows.endRow()
        }
        guard !marks.isEmpty else { return }
        try await db.raw("""
            INSERT INTO notice_marks (name, value) SELECT r.name, r.value FROM \
            (\(db.rowsSource(rows, ["name", BulkColumn("value", integer: true)]))) AS r \
            WHERE true ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """).run()
    }

    static func record(_ row: any SQLRow) throws -> NoticeRecord {
        var notice = NoticeRecord(
            id: try row.string("id"), organisationID: try row.string("organisation_id"),
            channel: try row.enumValue("channel", table: "notices", as: NoticeChannel.self),
            periodStart: try row.int64("period_start"), periodEnd: try row.int64("period_end"),
            language: try row.enumValue("language", table: "notices", as: NoticeLanguage.self),
            recipients: try row.string("recipients"), subject: try row.string("subject"), body: try row.string("body"),
            attachment: try row.string("attachment"), eventCount: try row.int("event_count"),
            createdAt: try row.int64("created_at"))
        notice.status = try row.enumValue("status", table: "notices", as: NoticeStatus.self)
        notice.attempts = try row.int("attempts")
        notice.nextAttemptAt = try row.int64("next_attempt_at")
        notice.lastError = try row.string("last_error")
        notice.sentAt = try row.optionalInt64("sent_at")
        return notice
    }
}
