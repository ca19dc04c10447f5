import NIOCore
import NIOPosix
import Testing
@testable import VigilServices

struct SMTPReplyDecoderTests {
    static func decode(_ chunks: [String]) throws(SMTPReplyDecodingError) -> [SMTPReply] {
        var decoder = SMTPReplyDecoder()
        var replies: [SMTPReply] = []
        for chunk in chunks {
            var buffer = ByteBuffer(string: chunk)
            replies += try decoder.decode(&buffer)
        }
        return replies
    }

    @Test func multiLineRepliesAcrossChunks() throws {
        let replies = try Self.decode(["220 ready\r\n250-mail.example gre", "ets you\r\n250-SIZE 1000\r\n250-AUTH=LOGIN\r\n", "250 STARTTLS\r\n", "354"])
        #expect(replies == [
            SMTPReply(code: 220, lines: ["ready"]),
            SMTPReply(code: 250, lines: ["mail.example greets you", "SIZE 1000", "AUTH=LOGIN", "STARTTLS"]),
        ])
        #expect(SMTPSession.parseExtensions(replies[1]) == ["SIZE": ["1000"], "AUTH": ["LOGIN"], "STARTTLS": []])
        #expect(try Self.decode(["250\n"]) == [SMTPReply(code: 250, lines: [""])])
    }

    @Test func malformedAndHostileReplies() {
        #expect(throws: SMTPReplyDecodingError.self) { try Self.decode(["hello\r\n"]) }
        #expect(throws: SMTPReplyDecodingError.self) { try Self.decode(["250-a\r\n550 b\r\n"]) }
        #expect(throws: SMTPReplyDecodingError.self) { try Self.decode(["250-" + String(repeating: "x", count: 70_000)]) }
        let manyLines = Array(repeating: "250-" + String(repeating: "y", count: 100) + "\r\n", count: 1000)
        #expect(throws: SMTPReplyDecodingError.self) { try Self.decode(manyLines) }
    }

    /// A server that accepts and then says nothing must not hang the client.
    @Test func silentServerTimesOut() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let port = try #require(server.localAddress?.port)
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .none, timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration).send(
                MailMessageTests.message(), envelopeFrom: "a@b.example", recipients: ["c@d.example"])
        }
        #expect(error?.stage == .greeting)
        #expect(error?.kind == .timeout)
        #expect(error?.isPermanent == false)
        #expect(ContinuousClock.now - started < .seconds(60), "the timeout ends the wait (the kind above says which)")
    }
}
