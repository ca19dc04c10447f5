/// Where a notice is in the outbox.
///
/// `sending` is set before the connection opens and `committing` right before the message is
/// handed over (SMTP DATA, the webhook request), so a restart knows what a crash interrupted:
/// a `sending` notice never reached the server and goes out again; a `committing` e-mail may
/// have, so it becomes `unconfirmed` instead of being sent twice; a `committing` webhook goes
/// out again with the same delivery id, which receivers use to drop the repeat.
public enum NoticeStatus: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Waiting for its (next) attempt.
    case queued
    /// An attempt is connecting.
    case sending
    /// An attempt is handing the message over.
    case committing
    /// Accepted by the mail server or the webhook.
    case sent
    /// Given up: a permanent refusal or too many attempts; the reason is kept.
    case failed
    /// Vigil stopped while the server was accepting it: it may have arrived. Not resent by itself.
    case unconfirmed

    public var description: String { rawValue }
}

/// How a notice travels.
public enum NoticeChannel: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// E-mail to the organisation's abuse contacts.
    case email
    /// JSON signed with HMAC-SHA256, posted to the organisation's webhook.
    case webhook

    public var description: String { rawValue }
}
