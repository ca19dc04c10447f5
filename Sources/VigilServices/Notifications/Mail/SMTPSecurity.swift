/// How the SMTP connection is protected.
public enum SMTPSecurity: Sendable, Hashable {
    /// Cleartext only; STARTTLS is never attempted.
    case none
    /// Upgrade with STARTTLS. `required: false` upgrades only when the server offers it and
    /// otherwise continues in cleartext; `required: true` fails permanently before MAIL FROM.
    case startTLS(required: Bool)
}
