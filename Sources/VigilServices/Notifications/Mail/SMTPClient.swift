import NIOCore
import NIOPosix
import NIOSSL

/// Sends messages over SMTP, one connection per message.
///
/// The dialogue is EHLO (HELO fallback), STARTTLS and EHLO again when configured, AUTH PLAIN
/// or LOGIN when credentials are set, MAIL FROM, RCPT TO for every recipient, DATA, QUIT.
/// Any refusal aborts the whole message: either every recipient gets it or none does.
public struct SMTPClient: Sendable {
    /// The server and credentials used by ``send(_:envelopeFrom:recipients:beforeData:)``.
    public var configuration: SMTPConfiguration
    private let eventLoopGroup: any EventLoopGroup

    /// Creates a client; it holds no connection until ``send(_:envelopeFrom:recipients:beforeData:)``.
    /// `eventLoopGroup` must be a NIOPosix group (ClientBootstrap does not run on others).
    public init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends one message. `beforeData` runs after every RCPT TO was accepted and before the DATA
    /// command; if it throws, the client QUITs without sending the message and rethrows.
    ///
    /// - Parameters:
    ///   - envelopeFrom: The return path for bounces; `""` sends the null reverse-path.
    ///   - recipients: The envelope recipients (may differ from the `To:` header, e.g. for Bcc).
    /// - Returns: The server's acceptance of the message.
    /// - Throws: ``SMTPError`` (check ``SMTPError/isPermanent`` before retrying), whatever
    ///   `beforeData` throws, or `CancellationError` when the task is cancelled.
    public func send(
        _ message: MailMessage,
        envelopeFrom: String,
        recipients: [String],
        beforeData: (@Sendable () async throws -> Void)? = nil
    ) async throws -> SMTPReceipt {
        try configuration.validate()
        try message.validate()
        try Self.validateEnvelope(from: envelopeFrom, recipients: recipients)
        let tlsContext = try makeTLSContext()
        let payload = SMTPSession.dataPayload(message.rendered())
        let needsSMTPUTF8 = message.requiresSMTPUTF8 || !([envelopeFrom] + recipients).allSatisfy { $0.utf8.allSatisfy { $0 < 128 } }

        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.connect(
                host: configuration.host, port: configuration.port,
                timeout: TimeAmount(configuration.timeout), group: eventLoopGroup)
        } catch {
            throw SMTPError(stage: .connect, kind: .connectionFailed,
                            detail: "cannot connect to \(configuration.host):\(configuration.port): \(error)", isPermanent: false)
        }
        let configuration = self.configuration
        return try await withTaskCancellationHandler {
            var session = SMTPSession(connection: connection, configuration: configuration, tlsContext: tlsContext)
            do {
                try await session.greet()
                try await session.secure()
                try await session.authenticate()
                try await session.mailFrom(envelopeFrom, size: payload.count, needsSMTPUTF8: needsSMTPUTF8)
                for recipient in recipients {
                    try await session.rcptTo(recipient)
                }
                if let beforeData { try await beforeData() }
                let receipt = try await session.data(payload)
                await session.quit()
                return receipt
            } catch {
                await session.quit()
                // Cancellation closes the channel, which surfaces as a connection error.
                if error is SMTPError, Task.isCancelled { throw CancellationError() }
                throw error
            }
        } onCancel: {
            connection.channel.close(promise: nil)
        }
    }

    /// Envelope addresses go verbatim into `MAIL FROM:<...>` and `RCPT TO:<...>`, so anything
    /// that could end the command or the brackets is refused.
    static func validateEnvelope(from: String, recipients: [String]) throws {
        guard from.isEmpty || MailMessage.isValidAddress(from) else {
            throw SMTPError(validation: "invalid envelope sender \(String(reflecting: from))")
        }
        guard !recipients.isEmpty else { throw SMTPError(validation: "no envelope recipients") }
        for recipient in recipients where !MailMessage.isValidAddress(recipient) {
            throw SMTPError(validation: "invalid envelope recipient \(String(reflecting: recipient))")
        }
    }

    /// Built before connecting so that a missing or broken CA file fails without network traffic.
    private func makeTLSContext() throws -> NIOSSLContext? {
        guard case .startTLS = configuration.security else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.trustedCertificateFile { tls.trustRoots = .file(file) }
        if !configuration.verifyCertificates { tls.certificateVerification = .none }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPError(stage: .starttls, kind: .tlsFailed, detail: "cannot set up TLS: \(error)", isPermanent: true)
        }
    }
}
