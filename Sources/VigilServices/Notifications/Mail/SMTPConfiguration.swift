/// Where and how ``SMTPClient`` connects and authenticates.
///
/// `description`, `debugDescription` and the mirror redact the password, so the configuration
/// can be logged.
public struct SMTPConfiguration: Sendable {
    /// The server's host name or IP address; also the name its certificate must match.
    public var host: String
    /// The server port (587 is the submission port).
    public var port: Int
    /// Whether and how to use STARTTLS.
    public var security: SMTPSecurity
    /// The AUTH user name; set together with ``password`` to authenticate.
    public var username: String?
    /// The AUTH password; never logged or included in errors.
    public var password: String?
    /// Allows sending credentials over a cleartext connection (only for trusted local relays).
    public var allowInsecureAuth: Bool
    /// The name sent with EHLO/HELO; many servers expect this host's fully qualified name.
    public var heloName: String
    /// The limit for connecting, each command's reply, and each chunk of message data.
    public var timeout: Duration
    /// A PEM file of CA certificates that replaces the system trust roots for STARTTLS.
    public var trustedCertificateFile: String?
    /// Verify the server certificate and host name; disable only for testing.
    public var verifyCertificates: Bool

    /// Creates a configuration; the defaults suit a submission server (port 587, TLS required).
    public init(
        host: String,
        port: Int = 587,
        security: SMTPSecurity = .startTLS(required: true),
        username: String? = nil,
        password: String? = nil,
        allowInsecureAuth: Bool = false,
        heloName: String = "localhost",
        timeout: Duration = .seconds(60),
        trustedCertificateFile: String? = nil,
        verifyCertificates: Bool = true
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.allowInsecureAuth = allowInsecureAuth
        self.heloName = heloName
        self.timeout = timeout
        self.trustedCertificateFile = trustedCertificateFile
        self.verifyCertificates = verifyCertificates
    }

    /// Rejects settings that could never work or that would let text escape an SMTP command.
    func validate() throws {
        guard !host.isEmpty, !host.unicodeScalars.contains(where: MailMessage.isControl) else {
            throw SMTPError(validation: "invalid SMTP host")
        }
        guard (1...65535).contains(port) else { throw SMTPError(validation: "invalid SMTP port \(port)") }
        guard !heloName.isEmpty, heloName.utf8.count <= 255,
              heloName.utf8.allSatisfy({ $0 >= 33 && $0 <= 126 })
        else { throw SMTPError(validation: "invalid EHLO name \(String(reflecting: heloName))") }
        guard (username == nil) == (password == nil) else {
            throw SMTPError(validation: "username and password must be set together")
        }
        if let username, let password {
            guard !username.unicodeScalars.contains(where: { $0 == "\0" || $0 == "\r" || $0 == "\n" }),
                  !password.unicodeScalars.contains(where: { $0 == "\0" || $0 == "\r" || $0 == "\n" })
            else { throw SMTPError(validation: "username or password contains NUL, CR or LF") }
        }
        guard timeout > .zero else { throw SMTPError(validation: "timeout must be positive") }
    }
}

extension SMTPConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary without the password.
    public var description: String {
        "SMTPConfiguration(host: \(host), port: \(port), security: \(security), username: \(username ?? "nil"), "
            + "password: \(password == nil ? "nil" : "<redacted>"), allowInsecureAuth: \(allowInsecureAuth), "
            + "heloName: \(heloName), timeout: \(timeout), trustedCertificateFile: \(trustedCertificateFile ?? "nil"), "
            + "verifyCertificates: \(verifyCertificates))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the password, so `dump()` cannot leak it either.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "host": host, "port": port, "security": security, "username": username as Any,
            "password": password == nil ? "nil" : "<redacted>", "allowInsecureAuth": allowInsecureAuth,
            "heloName": heloName, "timeout": timeout, "trustedCertificateFile": trustedCertificateFile as Any,
            "verifyCertificates": verifyCertificates,
        ])
    }
}
