import Foundation
import Testing
@testable import VigilServices

struct MailMessageTests {
    static func message(subject: String = "Test", body: String = "Hello\n", attachments: [MailAttachment] = [],
                        extraHeaders: [(name: String, value: String)] = []) -> MailMessage {
        MailMessage(from: MailAddress("alerts@vigil.example", name: "Vigil"), to: [MailAddress("soc@org.example")],
                    subject: subject, textBody: body, attachments: attachments, messageID: "m1@vigil.example",
                    date: Date(timeIntervalSince1970: 0), extraHeaders: extraHeaders)
    }

    /// Splits on CRLF and fails on any bare CR or LF.
    static func lines(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n")
        for line in lines {
            #expect(!line.contains("\r") && !line.contains("\n"), "bare CR or LF in \(line.debugDescription)")
        }
        return Array(lines.dropLast())
    }

    /// The unfolded header block as (name, value) pairs.
    static func headers(_ lines: [String]) -> [(String, String)] {
        var result: [(String, String)] = []
        for line in lines.prefix(while: { !$0.isEmpty }) {
            if line.first == " " || line.first == "\t" {
                result[result.count - 1].1 += line
            } else {
                let parts = line.split(separator: ":", maxSplits: 1)
                result.append((String(parts[0]), String(parts[1].dropFirst())))
            }
        }
        return result
    }

    /// Decodes a value made only of B encoded words (whitespace between them is ignored).
    static func decodeEncodedWords(_ value: String) -> String {
        var bytes: [UInt8] = []
        for word in value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            let payload = word.dropFirst("=?utf-8?B?".count).dropLast(2)
            bytes += Data(base64Encoded: String(payload)) ?? Data()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func dateIsRFC5322() {
        #expect(MailMessage.rfc5322Date(Date(timeIntervalSince1970: 1_767_225_600)) == "Thu, 01 Jan 2026 00:00:00 +0000")
    }

    @Test func longUnicodeSubjectFoldsWithin76ColumnsAndRoundTrips() throws {
        let subject = String(repeating: "威胁通知：示例组织 ", count: 12) + "👩‍👩‍👧‍👦 end"
        let message = Self.message(subject: subject, body: String(repeating: "x", count: 3000) + "\n")
        let lines = Self.lines(message.rendered())
        for line in lines {
            #expect(line.utf8.count <= 998)
            if line.contains("=?") { #expect(line.utf8.count <= 76, "\(line)") }
        }
        let value = try #require(Self.headers(lines).first { $0.0 == "Subject" }?.1)
        #expect(Self.decodeEncodedWords(value) == subject)
    }

    @Test func plainASCIIHeadersStayReadable() throws {
        let subject = "Notice for example.org: " + String(repeating: "word ", count: 30) + "end"
        let lines = Self.lines(Self.message(subject: subject).rendered())
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let value = try #require(Self.headers(lines).first { $0.0 == "Subject" }?.1)
        #expect(value == subject)
        #expect(lines.contains("From: Vigil <alerts@vigil.example>"))
        #expect(lines.contains("Message-ID: <m1@vigil.example>"))
    }

    @Test func quotedPrintableBodyKeepsLinesShortAndDecodes() {
        let body = "a=b \n" + String(repeating: "é", count: 100) + "\ntrailing space \n"
        let encoded = MIMEEncoding.quotedPrintable(MIMEEncoding.normalizeLineBreaks(body))
        let lines = Self.lines(encoded + [13, 10])
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines[0] == "a=3Db=20")
        // Decode: soft breaks vanish, =XX become bytes.
        var decoded: [UInt8] = []
        let text = Array(String(decoding: encoded, as: UTF8.self).replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "="), let byte = UInt8(String(decoding: text[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                decoded.append(byte)
                index += 3
            } else {
                decoded.append(text[index])
                index += 1
            }
        }
        #expect(String(decoding: decoded, as: UTF8.self) == body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func attachmentsAreBase64In76ColumnLines() {
        let data = (0..<5000).map { UInt8($0 % 256) }
        let message = Self.message(attachments: [MailAttachment(filename: "报告 2026 年第一季度威胁情报汇总（示例组织）.csv", contentType: "text/csv", data: data)])
        let lines = Self.lines(message.rendered())
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.contains { $0.contains("filename*0*=utf-8''") })
        #expect(lines.contains("Content-Transfer-Encoding: base64"))
    }

    @Test(arguments: [
        [("X-Vigil-Notice", "n1\r\nBcc: victim@example.org")],
        [("X-Vigil-Notice", "n1\nBcc: victim@example.org")],
        [("X-Bad\r\nBcc", "x")],
        [("X-Bad: x", "y")],
        [("Subject", "override")],
    ])
    func headerInjectionIsRejected(_ headers: [(String, String)]) {
        let message = Self.message(extraHeaders: headers.map { (name: $0.0, value: $0.1) })
        #expect(throws: SMTPError.self) { try message.validate() }
        // Even unvalidated, rendering must not produce an injected header line.
        #expect(!Self.lines(message.rendered()).contains { $0.hasPrefix("Bcc:") })
    }

    @Test func otherInjectionVectorsAreRejected() {
        var message = Self.message(subject: "Hi\r\nBcc: victim@example.org")
        #expect(throws: SMTPError.self) { try message.validate() }
        message = Self.message()
        message.from = MailAddress("alerts@vigil.example", name: "Vigil\r\nBcc: x@y.z")
        #expect(throws: SMTPError.self) { try message.validate() }
        message = Self.message()
        message.to = [MailAddress("a@b.example>\r\nBcc: <x@y.z")]
        #expect(throws: SMTPError.self) { try message.validate() }
        message = Self.message()
        message.messageID = "id@x>\r\nBcc: <x"
        #expect(throws: SMTPError.self) { try message.validate() }
        message = Self.message(attachments: [MailAttachment(filename: "a.csv", contentType: "text/csv\r\nBcc: x", data: [])])
        #expect(throws: SMTPError.self) { try message.validate() }
        #expect(throws: Never.self) { try Self.message().validate() }
    }

    @Test func envelopeInjectionIsRejectedBeforeConnecting() async {
        let client = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: 9, security: .none))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(Self.message(), envelopeFrom: "a@b.example", recipients: ["c@d.example>\r\nRCPT TO:<e@f.example"])
        }
        #expect(error?.stage == .validation)
        #expect(error?.isPermanent == true)
    }

    @Test func dataIsDotStuffedAndTerminated() {
        let payload = SMTPSession.dataPayload(Array(".first\r\nmiddle\n.\r\n..x\rlast".utf8))
        #expect(String(decoding: payload, as: UTF8.self) == "..first\r\nmiddle\r\n..\r\n...x\r\nlast\r\n.\r\n")
        #expect(SMTPSession.dataPayload(Array("a\r\n".utf8)) == Array("a\r\n.\r\n".utf8))
    }

    @Test func configurationNeverPrintsThePassword() {
        let configuration = SMTPConfiguration(host: "smtp.example", username: "u", password: "hunter2-secret")
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), dumped] {
            #expect(!text.contains("hunter2-secret"))
        }
    }
}

