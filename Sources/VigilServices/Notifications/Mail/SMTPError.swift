/// A failed SMTP delivery: which stage failed, why, what the server said, and whether retrying
/// later can help.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    /// The step of the SMTP dialogue (or local check) that failed.
    public enum Stage: Sendable, Hashable, CustomStringConvertible {
        /// The message or envelope was rejected locally before connecting.
        case validation
        /// TCP connection (including name resolution).
        case connect
        /// The server's 220 greeting.
        case greeting
        /// EHLO, or the HELO fallback, including the EHLO repeated after STARTTLS.
        case ehlo
        /// The STARTTLS command or the TLS handshake (including certificate verification).
        case starttls
        /// AUTH PLAIN/LOGIN, or the refusal to send credentials in cleartext.
        case auth
        /// MAIL FROM (including a missing SMTPUTF8 extension).
        case mailFrom
        /// The server refused (or failed to answer) RCPT TO for this address.
        case rcptTo(String)
        /// The DATA command itself (the server did not answer 354).
        case data
        /// Transfer of the message content and the server's reply to its end.
        case message

        /// A short name such as `rcptTo(<a@b.example>)`.
        public var description: String {
            switch self {
            case .validation: "validation"
            case .connect: "connect"
            case .greeting: "greeting"
            case .ehlo: "ehlo"
            case .starttls: "starttls"
            case .auth: "auth"
            case .mailFrom: "mailFrom"
            case .rcptTo(let address): "rcptTo(<\(address)>)"
            case .data: "data"
            case .message: "message"
            }
        }
    }

    /// The cause, independent of the stage.
    public enum Kind: Sendable, Hashable {
        /// The message, envelope or configuration is unusable (see ``detail``).
        case invalidInput
        /// The server answered with a 4xx/5xx reply (see ``code`` and ``serverText``).
        case rejected
        /// The server answered with a code that makes no sense at this point, or malformed data.
        case protocolViolation
        /// No reply (or no progress writing) within the configured timeout.
        case timeout
        /// Could not connect, or the connection broke.
        case connectionFailed
        /// TLS was required but the server does not offer STARTTLS.
        case tlsUnavailable
        /// The TLS handshake failed (e.g. certificate verification).
        case tlsFailed
        /// Credentials are configured but the server offers no usable AUTH mechanism.
        case authUnavailable
        /// Credentials would have been sent over a cleartext connection.
        case insecureAuthRefused
        /// The message needs SMTPUTF8 (non-ASCII addresses) but the server does not offer it.
        case smtpUTF8Unavailable
    }

    /// Where the dialogue failed.
    public var stage: Stage
    /// Why it failed.
    public var kind: Kind
    /// The server's reply code, if the failure was a reply.
    public var code: Int?
    /// The server's reply text (sanitised and truncated), if any.
    public var serverText: String?
    /// A human-readable explanation; never contains credentials.
    public var detail: String
    /// True when retrying the same message later cannot help (5xx replies, TLS required but
    /// unavailable, rejected credentials, invalid input); false for 4xx replies and
    /// connection problems or timeouts.
    public var isPermanent: Bool

    /// Creates an error; `serverText` is sanitised so it can be logged safely.
    public init(stage: Stage, kind: Kind, code: Int? = nil, serverText: String? = nil, detail: String, isPermanent: Bool) {
        self.stage = stage
        self.kind = kind
        self.code = code
        self.serverText = serverText.map(Self.sanitize)
        self.detail = detail
        self.isPermanent = isPermanent
    }

    init(validation detail: String) {
        self.init(stage: .validation, kind: .invalidInput, detail: detail, isPermanent: true)
    }

    /// An error for an unwanted reply: 5xx is permanent, 4xx transient, anything else is a
    /// protocol violation, treated as transient because it usually means a confused server.
    init(stage: Stage, reply: SMTPReply, expected: String) {
        let kind: Kind = (400..<600).contains(reply.code) ? .rejected : .protocolViolation
        self.init(
            stage: stage, kind: kind, code: reply.code, serverText: reply.text,
            detail: kind == .rejected ? "server rejected \(stage)" : "unexpected reply (wanted \(expected))",
            isPermanent: reply.code >= 500 && reply.code < 600)
    }

    /// `SMTP mailFrom failed: server rejected mailFrom; server said 550 "..." (permanent)`.
    public var description: String {
        var text = "SMTP \(stage) failed: \(detail)"
        if let code { text += "; server said \(code)" }
        if let serverText, !serverText.isEmpty { text += " \(String(reflecting: serverText))" }
        return text + (isPermanent ? " (permanent)" : " (transient)")
    }

    /// Server text may end up in logs: strip control characters so it cannot forge log lines,
    /// and bound its length.
    static func sanitize(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : $0 }))
        return cleaned.count > 512 ? String(cleaned.prefix(512)) + "…" : cleaned
    }
}
