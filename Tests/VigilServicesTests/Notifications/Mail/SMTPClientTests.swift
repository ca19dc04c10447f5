import Foundation
import Testing
@testable import VigilServices

/// End-to-end tests against a real aiosmtpd server (see ``SMTPTestServer``).
@Suite(.enabled(if: SMTPTestServer.isAvailable, SMTPTestServer.skipMessage), .serialized)
struct SMTPClientTests {
    static let subject = "威胁通知：示例组织"
    static let body = "您好，\n.leading dot line\n..two dots\n" + String(repeating: "long line ", count: 40) + "end\n最后一行\n"
    static let csv = Array("indicator,type\n198.51.100.7,ipv4\nevil.example,domain\n".utf8)

    static func message(to recipient: String = "soc@org.example") -> MailMessage {
        MailMessage(
            from: MailAddress("alerts@vigil.example", name: "维基尔 CERT"),
            to: [MailAddress(recipient, name: "示例组织 SOC")],
            subject: subject,
            textBody: body,
            attachments: [MailAttachment(filename: "indicators.csv", contentType: "text/csv", data: csv)],
            messageID: "notice-123@vigil.example",
            date: Date(timeIntervalSince1970: 1_767_225_600),
            extraHeaders: [("X-Vigil-Notice", "notice-123")])
    }

    static func configuration(_ server: SMTPTestServer, security: SMTPSecurity = .none, username: String? = nil, password: String? = nil) -> SMTPConfiguration {
        SMTPConfiguration(host: "127.0.0.1", port: server.port, security: security, username: username, password: password,
                          heloName: "vigil.test", timeout: .seconds(10), trustedCertificateFile: server.certificateFile)
    }

    struct Parsed: Decodable {
        var subject: String
        var fromName: String
        var fromAddress: String
        var toName: String
        var messageID: String
        var notice: String
        var body: String
        var attachments: [[String: String]]
        var defects: [String]
    }

    /// Parses raw message bytes with Python's `email` package, the way a real mail client would.
    static func parse(_ content: Data) throws -> Parsed {
        let code = #"""
import base64, email, email.policy, json, sys
msg = email.message_from_bytes(base64.b64decode(sys.argv[1]), policy=email.policy.default)
defects = [repr(d) for part in msg.walk() for d in part.defects]
for name in msg.keys():
    defects += [repr(d) for d in getattr(msg[name], "defects", ())]
print(json.dumps({
    "subject": msg["subject"], "fromName": msg["from"].addresses[0].display_name,
    "fromAddress": msg["from"].addresses[0].addr_spec, "toName": msg["to"].addresses[0].display_name,
    "messageID": msg["message-id"], "notice": msg["x-vigil-notice"],
    "body": msg.get_body(preferencelist=("plain",)).get_content(),
    "attachments": [{"filename": p.get_filename(), "type": p.get_content_type(),
                     "data": base64.b64encode(p.get_payload(decode=True)).decode()} for p in msg.iter_attachments()],
    "defects": defects}))
"""#
        let output = try SMTPTestServer.runPython(code, argument: content.base64EncodedString())
        return try JSONDecoder().decode(Parsed.self, from: output)
    }

    @Test func plainSendRoundTripsThroughPythonEmailParser() async throws {
        let server = try SMTPTestServer()
        let client = SMTPClient(configuration: Self.configuration(server))
        let receipt = try await client.send(Self.message(), envelopeFrom: "bounces@vigil.example", recipients: ["soc@org.example"])
        #expect(receipt.code == 250)
        #expect(receipt.text.contains("queued"))

        let messages = try server.messages()
        try #require(messages.count == 1)
        #expect(messages[0].mailFrom == "bounces@vigil.example")
        #expect(messages[0].rcptTos == ["soc@org.example"])
        let parsed = try Self.parse(messages[0].content)
        #expect(parsed.defects == [])
        #expect(parsed.subject == Self.subject)
        #expect(parsed.fromName == "维基尔 CERT")
        #expect(parsed.fromAddress == "alerts@vigil.example")
        #expect(parsed.toName == "示例组织 SOC")
        #expect(parsed.messageID == "<notice-123@vigil.example>")
        #expect(parsed.notice == "notice-123")
        #expect(parsed.body.replacingOccurrences(of: "\r\n", with: "\n") == Self.body)
        #expect(parsed.attachments.count == 1)
        #expect(parsed.attachments.first?["filename"] == "indicators.csv")
        #expect(parsed.attachments.first?["type"] == "text/csv")
        #expect(parsed.attachments.first?["data"] == Data(Self.csv).base64EncodedString())
    }

    /// Variants that the SMTP round trip does not cover: single-part base64 body, long
    /// RFC 2231 file name with continuations, long folded subject.
    @Test func renderedVariantsParseInPython() throws {
        let subject = String(repeating: "威胁通知：示例组织 ", count: 10) + "Ende"
        let body = String(repeating: "这是中文正文。\n", count: 30)
        var message = Self.message()
        message.subject = subject
        message.textBody = body
        message.attachments = []
        var parsed = try Self.parse(Data(message.rendered()))
        #expect(parsed.defects == [])
        #expect(parsed.subject == subject)
        #expect(parsed.body.replacingOccurrences(of: "\r\n", with: "\n") == body)
        #expect(String(decoding: message.rendered(), as: UTF8.self).contains("Content-Transfer-Encoding: base64"))

        let filename = "报告 2026 年第一季度威胁情报汇总（示例组织）\"quoted\" name.csv"
        message.attachments = [MailAttachment(filename: filename, contentType: "text/csv; charset=utf-8", data: Self.csv)]
        message.textBody = "no trailing newline"
        parsed = try Self.parse(Data(message.rendered()))
        #expect(parsed.defects == [])
        #expect(parsed.body == "no trailing newline")
        #expect(parsed.attachments.first?["filename"] == filename)
        #expect(parsed.attachments.first?["data"] == Data(Self.csv).base64EncodedString())
    }

    @Test func startTLSWithAuthPlain() async throws {
        let server = try SMTPTestServer(.init(tls: true, requireTLS: true, username: "vigil", password: "s3cret-pässword"))
        let client = SMTPClient(configuration: Self.configuration(server, security: .startTLS(required: true), username: "vigil", password: "s3cret-pässword"))
        _ = try await client.send(Self.message(), envelopeFrom: "alerts@vigil.example", recipients: ["soc@org.example"])
        #expect(try server.messages().count == 1)

        let wrong = SMTPClient(configuration: Self.configuration(server, security: .startTLS(required: true), username: "vigil", password: "wrong-password"))
        let error = try await #require(throws: SMTPError.self) {
            try await wrong.send(Self.message(), envelopeFrom: "alerts@vigil.example", recipients: ["soc@org.example"])
        }
        #expect(error.stage == .auth)
        #expect(error.kind == .rejected)
        #expect(error.code == 535)
        #expect(error.isPermanent)
        #expect(!error.description.contains("wrong-password"))
        #expect(try server.messages().count == 1)
    }

    @Test func startTLSWithAuthLogin() async throws {
        let server = try SMTPTestServer(.init(tls: true, requireTLS: true, username: "vigil", password: "pw", excludeMechanisms: ["PLAIN"]))
        let client = SMTPClient(configuration: Self.configuration(server, security: .startTLS(required: true), username: "vigil", password: "pw"))
        _ = try await client.send(Self.message(), envelopeFrom: "alerts@vigil.example", recipients: ["soc@org.example"])
        #expect(try server.messages().count == 1)
    }

    @Test func untrustedCertificateFailsPermanently() async throws {
        let server = try SMTPTestServer(.init(tls: true))
        var configuration = Self.configuration(server, security: .startTLS(required: true))
        configuration.trustedCertificateFile = nil  // system roots do not know the self-signed cert
        let error = try await #require(throws: SMTPError.self) {
            try await SMTPClient(configuration: configuration).send(Self.message(), envelopeFrom: "a@vigil.example", recipients: ["b@org.example"])
        }
        #expect(error.stage == .starttls)
        #expect(error.kind == .tlsFailed)
        #expect(error.isPermanent)
        #expect(try server.messages().isEmpty)
    }

    @Test func requiredTLSWithoutServerSupportFailsBeforeMailFrom() async throws {
        let server = try SMTPTestServer()
        let client = SMTPClient(configuration: Self.configuration(server, security: .startTLS(required: true)))
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(Self.message(), envelopeFrom: "alerts@vigil.example", recipients: ["soc@org.example"])
        }
        #expect(error.stage == .starttls)
        #expect(error.kind == .tlsUnavailable)
        #expect(error.isPermanent)
        #expect(try server.messages().isEmpty)
        #expect(!server.commands().contains { $0.hasPrefix("MAIL") })

        // Opportunistic TLS carries on in cleartext.
        let opportunistic = SMTPClient(configuration: Self.configuration(server, security: .startTLS(required: false)))
        _ = try await opportunistic.send(Self.message(), envelopeFrom: "alerts@vigil.example", recipients: ["soc@org.example"])
        #expect(try server.messages().count == 1)
    }

    @Test func credentialsAreNotSentInCleartext() async throws {
        let server = try SMTPTestServer(.init(username: "vigil", password: "pw"))
        let client = SMTPClient(configuration: Self.configuration(server, username: "vigil", password: "pw"))
        let error = try await #require(throws: SMTPError.self) {
            try await client.send(Self.message(), envelopeFrom: "alerts@vigil.example", recipients: ["soc@org.example"])
        }
        #expect(error.stage == .auth)
        #expect(error.kind == .insecureAuthRefused)
        #expect(error.isPermanent)
    }

    @Test func rejectedRecipients() async throws {
        let server = try SMTPTestServer(.init(rcptReplies: ["reject550": "550 5.1.1 No such user", "defer451": "451 4.3.0 Try again later"]))
        let client = SMTPClient(configuration: Self.configuration(server))

        let permanent = try await #require(throws: SMTPError.self) {
            try await client.send(Self.message(), envelopeFrom: "a@vigil.example", recipients: ["ok@org.example", "reject550@org.example"])
        }
        #expect(permanent.stage == .rcptTo("reject550@org.example"))
        #expect(permanent.code == 550)
        #expect(permanent.serverText == "5.1.1 No such user")
        #expect(permanent.isPermanent)

        let transient = try await #require(throws: SMTPError.self) {
            try await client.send(Self.message(), envelopeFrom: "a@vigil.example", recipients: ["defer451@org.example"])
        }
        #expect(transient.stage == .rcptTo("defer451@org.example"))
        #expect(transient.code == 451)
        #expect(!transient.isPermanent)
        #expect(try server.messages().isEmpty)
        #expect(!server.commands().contains("DATA"))
    }

    actor CallLog {
        var calls: [[String]] = []
        func record(_ commands: [String]) { calls.append(commands) }
    }

    struct Veto: Error {}

    @Test func beforeDataRunsOnceBetweenRcptAndData() async throws {
        let server = try SMTPTestServer()
        let client = SMTPClient(configuration: Self.configuration(server))
        let log = CallLog()
        _ = try await client.send(Self.message(), envelopeFrom: "a@vigil.example", recipients: ["x@org.example", "y@org.example"]) {
            await log.record(server.commands())
        }
        let calls = await log.calls
        try #require(calls.count == 1)
        #expect(calls[0].filter { $0.hasPrefix("RCPT") }.count == 2)
        #expect(!calls[0].contains("DATA"))
        #expect(server.commands().last == "DATA")
        #expect(try server.messages().count == 1)
    }

    @Test func throwingBeforeDataDeliversNothing() async throws {
        let server = try SMTPTestServer()
        let client = SMTPClient(configuration: Self.configuration(server))
        await #expect(throws: Veto.self) {
            try await client.send(Self.message(), envelopeFrom: "a@vigil.example", recipients: ["x@org.example"]) {
                throw Veto()
            }
        }
        #expect(try server.messages().isEmpty)
        #expect(!server.commands().contains("DATA"))
    }
}
