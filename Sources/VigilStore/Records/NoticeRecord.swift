import VigilCore

/// One notice in the outbox: rendered once when composed, then delivered (and retried) as is.
public struct NoticeRecord: Sendable, Hashable {
    /// Stable id; also the e-mail's Message-ID and the webhook's delivery id.
    public var id: String
    /// The organisation notified.
    public var organisationID: String
    /// E-mail or webhook.
    public var channel: NoticeChannel
    /// The period it covers, Unix milliseconds (end exclusive).
    public var periodStart: Int64
    /// See `periodStart`.
    public var periodEnd: Int64
    /// Its language.
    public var language: NoticeLanguage
    /// E-mail addresses (comma-separated) or the webhook URL.
    public var recipients: String
    /// Subject line.
    public var subject: String
    /// The text body (e-mail) or the JSON payload (webhook).
    public var body: String
    /// The events as CSV (the e-mail's attachment).
    public var attachment: String
    /// Number of events.
    public var eventCount: Int
    /// Outbox state.
    public var status: NoticeStatus
    /// Attempts made.
    public var attempts: Int
    /// When the next attempt may run.
    public var nextAttemptAt: Int64
    /// The last failure, with the server's reply when there was one.
    public var lastError: String
    /// When composed.
    public var createdAt: Int64
    /// When the server accepted it.
    public var sentAt: Int64?

    /// A queued notice.
    public init(
        id: String, organisationID: String, channel: NoticeChannel, periodStart: Int64, periodEnd: Int64,
        language: NoticeLanguage, recipients: String, subject: String, body: String, attachment: String,
        eventCount: Int, createdAt: Int64
    ) {
        self.id = id
        self.organisationID = organisationID
        self.channel = channel
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.language = language
        self.recipients = recipients
        self.subject = subject
        self.body = body
        self.attachment = attachment
        self.eventCount = eventCount
        status = .queued
        attempts = 0
        nextAttemptAt = createdAt
        lastError = ""
        self.createdAt = createdAt
        sentAt = nil
    }
}
