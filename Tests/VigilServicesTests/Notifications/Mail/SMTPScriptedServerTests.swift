import NIOCore
import NIOPosix
import Testing
@testable import VigilServices

/// A tiny in-process server that answers each command line with a canned reply, for protocol
/// corner cases a real server will not produce.
final class ScriptedSMTPHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let greeting: String
    /// Command prefix (upper-case) → raw reply bytes (CRLF included).
    let replies: [(String, String)]
    private var pending = ""
    private var inData = false

    init(greeting: String = "220 scripted\r\n", replies: [(String, String)]) {
        self.greeting = greeting
        self.replies = replies
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += String(buffer: unwrapInboundIn(data))
        while let range = pending.range(of: "\r\n") {
            let line = String(pending[..<range.lowerBound]).uppercased()
            pending.removeSubrange(..<range.upperBound)
            if inData && line != "." { continue }
            inData = line == "DATA"
            let reply = replies.first { line.hasPrefix($0.0) }?.1 ?? "500 unknown\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
        }
    }
}

struct SMTPScriptedServerTests {
    static func withServer<T>(_ replies: [(String, String)], _ body: (Int) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedSMTPHandler(replies: replies))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(server.localAddress!.port!)
            try await server.close()
            return result
        } catch {
            try? await server.close()
            throw error
        }
    }

    static func send(port: Int, security: SMTPSecurity = .none) async throws -> SMTPReceipt {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: security, verifyCertificates: false)
        return try await SMTPClient(configuration: configuration).send(
            MailMessageTests.message(), envelopeFrom: "a@b.example", recipients: ["c@d.example"])
    }

    @Test func fallsBackToHELO() async throws {
        let receipt = try await Self.withServer([
            ("EHLO", "502 5.5.1 what?\r\n"), ("HELO", "250 hi\r\n"), ("MAIL", "250 ok\r\n"), ("RCPT", "250 ok\r\n"),
            ("DATA", "354 go\r\n"), (".", "250 queued\r\n"), ("QUIT", "221 bye\r\n"),
        ]) { try await Self.send(port: $0) }
        #expect(receipt.code == 250)
        #expect(receipt.text == "queued")
    }

    @Test func refusesCleartextInjectedAfterSTARTTLSReply() async throws {
        let error = try await #require(throws: SMTPError.self) {
            try await Self.withServer([
                ("EHLO", "250-scripted\r\n250 STARTTLS\r\n"), ("STARTTLS", "220 go ahead\r\n250 injected\r\n"),
            ]) { try await Self.send(port: $0, security: .startTLS(required: true)) }
        }
        #expect(error.stage == .starttls)
        #expect(error.kind == .protocolViolation)
    }

    @Test func garbageReplyIsAProtocolViolation() async throws {
        let error = try await #require(throws: SMTPError.self) {
            try await Self.withServer([("EHLO", "HTTP/1.1 400 Bad Request\r\n")]) { try await Self.send(port: $0) }
        }
        #expect(error.stage == .ehlo)
        #expect(error.kind == .protocolViolation)
        #expect(!error.isPermanent)
    }
}
