import NIOCore
import NIOPosix
import NIOSSL

/// A TCP connection to an SMTP server with deadline-bounded writes and reply reads.
struct SMTPConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<SMTPReplyHandler>
    private let timeout: TimeAmount

    private init(channel: any Channel, handler: NIOLoopBound<SMTPReplyHandler>, timeout: TimeAmount) {
        self.channel = channel
        self.handler = handler
        self.timeout = timeout
    }

    static func connect(host: String, port: Int, timeout: TimeAmount, group: any EventLoopGroup) async throws -> SMTPConnection {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler())
                }
            }
            .connect(host: host, port: port)
            .get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return SMTPConnection(channel: channel, handler: handler, timeout: timeout)
    }

    /// Reads the next reply, waiting at most the configured timeout.
    func readReply() async throws(SMTPTransportFailure) -> SMTPReply {
        let deadline = NIODeadline.now() + timeout
        let eventLoop = channel.eventLoop
        let handler = self.handler
        return try await Self.mapFailure {
            try await eventLoop.flatSubmit { handler.value.nextReply(deadline: deadline, on: eventLoop) }.get()
        }
    }

    /// Writes bytes; the configured timeout bounds how long the write may make no progress.
    func write(_ bytes: some Collection<UInt8>) async throws(SMTPTransportFailure) {
        let deadline = NIODeadline.now() + timeout
        let eventLoop = channel.eventLoop
        let handler = self.handler
        let buffer = channel.allocator.buffer(bytes: bytes)
        try await Self.mapFailure {
            try await eventLoop.flatSubmit { handler.value.write(buffer, deadline: deadline, on: eventLoop) }.get()
        }
    }

    /// Sends one command line (CRLF is appended) and returns the server's reply.
    func command(_ line: String) async throws(SMTPTransportFailure) -> SMTPReply {
        try await write(Array((line + "\r\n").utf8))
        return try await readReply()
    }

    /// Switches the live connection to TLS after the server's 220 reply to STARTTLS.
    ///
    /// The TLS handler must be in the pipeline before any further byte is exchanged, and any
    /// cleartext the server sent after its 220 must be refused (STARTTLS command injection).
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws(SMTPTransportFailure) {
        let deadline = NIODeadline.now() + timeout
        let channel = self.channel
        let handler = self.handler
        try await Self.mapFailure {
            try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
                guard !handler.value.hasUnreadInput else {
                    handler.value.fail(.protocolViolation("server sent data after its STARTTLS reply"))
                    return channel.eventLoop.makeFailedFuture(SMTPTransportFailure.protocolViolation("server sent data after its STARTTLS reply"))
                }
                do {
                    let tlsHandler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
                    try channel.pipeline.syncOperations.addHandler(tlsHandler, position: .first)
                } catch {
                    handler.value.fail(.tls(String(describing: error)))
                    return channel.eventLoop.makeFailedFuture(SMTPTransportFailure.tls(String(describing: error)))
                }
                return handler.value.tlsHandshakeCompleted(deadline: deadline, on: channel.eventLoop)
            }.get()
        }
    }

    /// Closes the connection; errors are irrelevant at this point.
    func close() async {
        try? await channel.close()
    }

    private static func mapFailure<T>(_ body: () async throws -> T) async throws(SMTPTransportFailure) -> T {
        do {
            return try await body()
        } catch let failure as SMTPTransportFailure {
            throw failure
        } catch {
            throw .io(String(describing: error))
        }
    }
}
