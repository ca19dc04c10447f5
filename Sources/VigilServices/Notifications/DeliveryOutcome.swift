/// How one attempt to deliver a notice ended.
enum DeliveryOutcome: Sendable, Equatable {
    /// The server accepted it: its reply.
    case sent(String)
    /// Worth another try later; nothing was handed over (a 4xx SMTP reply, HTTP 5xx, no answer).
    case retry(String)
    /// Refused for good (5xx SMTP, HTTP 4xx, TLS required but not offered, AUTH rejected).
    case refused(String)
    /// The connection failed while the message was being handed over: it may have arrived.
    case unconfirmed(String)
}
