import Foundation
import NIOCore
import NIOSSL

/// One SMTP dialogue over an open connection, stage by stage (RFC 5321, 3207, 4954).
struct SMTPSession {
    let connection: SMTPConnection
    let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext?
    /// EHLO keywords (upper-cased) and their parameters; empty after a HELO fallback.
    private(set) var extensions: [String: [String]] = [:]
    private(set) var isTLS = false

    init(connection: SMTPConnection, configuration: SMTPConfiguration, tlsContext: NIOSSLContext?) {
        self.connection = connection
        self.configuration = configuration
        self.tlsContext = tlsContext
    }

    mutating func greet() async throws(SMTPError) {
        let reply = try await read(stage: .greeting)
        guard reply.code == 220 else { throw SMTPError(stage: .greeting, reply: reply, expected: "220") }
        try await hello()
    }

    /// EHLO, falling back to HELO for servers that reject EHLO with 5xx (RFC 5321 §3.2).
    private mutating func hello() async throws(SMTPError) {
        let reply = try await command("EHLO \(configuration.heloName)", stage: .ehlo)
        if reply.code == 250 {
            extensions = Self.parseExtensions(reply)
            return
        }
        guard reply.code >= 500 else { throw SMTPError(stage: .ehlo, reply: reply, expected: "250") }
        let heloReply = try await command("HELO \(configuration.heloName)", stage: .ehlo)
        guard heloReply.code == 250 else { throw SMTPError(stage: .ehlo, reply: heloReply, expected: "250") }
        extensions = [:]
    }

    static func parseExtensions(_ reply: SMTPReply) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            var words = line.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst().uppercased()
            // Pre-RFC 4954 servers announce "AUTH=LOGIN PLAIN".
            if keyword.hasPrefix("AUTH=") {
                words.insert(String(keyword.dropFirst(5)), at: 0)
                keyword = "AUTH"
            }
            result[keyword, default: []].append(contentsOf: words)
        }
        return result
    }

    mutating func secure() async throws(SMTPError) {
        guard case .startTLS(let required) = configuration.security, let tlsContext else { return }
        guard extensions["STARTTLS"] != nil else {
            guard !required else {
                throw SMTPError(stage: .starttls, kind: .tlsUnavailable, detail: "TLS is required but the server does not offer STARTTLS", isPermanent: true)
            }
            return
        }
        let reply = try await command("STARTTLS", stage: .starttls)
        guard reply.code == 220 else {
            if required { throw SMTPError(stage: .starttls, reply: reply, expected: "220") }
            return  // opportunistic: the session is still usable in cleartext
        }
        // SNI must not carry IP literals; with no name NIOSSL checks the certificate against
        // the peer's IP address instead.
        let isIPLiteral = (try? SocketAddress(ipAddress: configuration.host, port: 0)) != nil
        do {
            try await connection.startTLS(context: tlsContext, serverHostname: isIPLiteral ? nil : configuration.host)
        } catch {
            throw Self.error(for: error, stage: .starttls)
        }
        isTLS = true
        // RFC 3207 §4.2: everything learned before TLS must be discarded.
        try await hello()
    }

    func authenticate() async throws(SMTPError) {
        guard let username = configuration.username, let password = configuration.password else { return }
        guard isTLS || configuration.allowInsecureAuth else {
            throw SMTPError(stage: .auth, kind: .insecureAuthRefused, detail: "refusing to send credentials over a cleartext connection (allowInsecureAuth is off)", isPermanent: true)
        }
        let mechanisms = Set((extensions["AUTH"] ?? []).map { $0.uppercased() })
        // Secrets that must not reach an error message, even if the server echoes them.
        var secrets = [password, Self.base64(password)]
        if mechanisms.contains("PLAIN") {
            let token = Self.base64("\0\(username)\0\(password)")
            secrets.append(token)
            let reply = try await command("AUTH PLAIN \(token)", stage: .auth)
            try Self.expectAuthSuccess(reply, secrets: secrets)
        } else if mechanisms.contains("LOGIN") {
            var reply = try await command("AUTH LOGIN", stage: .auth)
            guard reply.code == 334 else { throw Self.authError(reply, secrets: secrets) }
            reply = try await command(Self.base64(username), stage: .auth)
            guard reply.code == 334 else { throw Self.authError(reply, secrets: secrets) }
            reply = try await command(Self.base64(password), stage: .auth)
            try Self.expectAuthSuccess(reply, secrets: secrets)
        } else {
            throw SMTPError(stage: .auth, kind: .authUnavailable, detail: "server offers neither AUTH PLAIN nor AUTH LOGIN", isPermanent: true)
        }
    }

    private static func expectAuthSuccess(_ reply: SMTPReply, secrets: [String]) throws(SMTPError) {
        guard reply.code == 235 else { throw authError(reply, secrets: secrets) }
    }

    private static func authError(_ reply: SMTPReply, secrets: [String]) -> SMTPError {
        var error = SMTPError(stage: .auth, reply: reply, expected: "235")
        for secret in secrets where !secret.isEmpty {
            error.serverText = error.serverText?.replacingOccurrences(of: secret, with: "<redacted>")
        }
        if error.kind == .rejected { error.detail = "server rejected the credentials" }
        return error
    }

    func mailFrom(_ sender: String, size: Int, needsSMTPUTF8: Bool) async throws(SMTPError) {
        var line = "MAIL FROM:<\(sender)>"
        if needsSMTPUTF8 {
            guard extensions["SMTPUTF8"] != nil else {
                throw SMTPError(stage: .mailFrom, kind: .smtpUTF8Unavailable, detail: "non-ASCII addresses need SMTPUTF8, which the server does not offer", isPermanent: true)
            }
            line += " SMTPUTF8"
            if extensions["8BITMIME"] != nil { line += " BODY=8BITMIME" }
        }
        // Lets the server refuse an oversized message before we transfer it (RFC 1870).
        if extensions["SIZE"] != nil { line += " SIZE=\(size)" }
        let reply = try await command(line, stage: .mailFrom)
        guard reply.isPositive else { throw SMTPError(stage: .mailFrom, reply: reply, expected: "250") }
    }

    func rcptTo(_ recipient: String) async throws(SMTPError) {
        let reply = try await command("RCPT TO:<\(recipient)>", stage: .rcptTo(recipient))
        guard reply.isPositive else { throw SMTPError(stage: .rcptTo(recipient), reply: reply, expected: "250") }
    }

    /// DATA, then the dot-stuffed payload in chunks (each chunk gets the full timeout, so large
    /// attachments on slow links are limited by progress rather than total time).
    func data(_ payload: [UInt8]) async throws(SMTPError) -> SMTPReceipt {
        let reply = try await command("DATA", stage: .data)
        guard reply.code == 354 else { throw SMTPError(stage: .data, reply: reply, expected: "354") }
        let chunkSize = 64 * 1024
        var start = 0
        do {
            while start < payload.count {
                let end = min(start + chunkSize, payload.count)
                try await connection.write(payload[start..<end])
                start = end
            }
        } catch {
            throw Self.error(for: error, stage: .message)
        }
        let final = try await read(stage: .message)
        guard final.isPositive else { throw SMTPError(stage: .message, reply: final, expected: "250") }
        return SMTPReceipt(code: final.code, text: SMTPError.sanitize(final.text))
    }

    /// Best-effort polite goodbye; the connection is closed either way.
    func quit() async {
        _ = try? await connection.command("QUIT")
        await connection.close()
    }

    private func command(_ line: String, stage: SMTPError.Stage) async throws(SMTPError) -> SMTPReply {
        do {
            return try await connection.command(line)
        } catch {
            throw Self.error(for: error, stage: stage)
        }
    }

    private func read(stage: SMTPError.Stage) async throws(SMTPError) -> SMTPReply {
        do {
            return try await connection.readReply()
        } catch {
            throw Self.error(for: error, stage: stage)
        }
    }

    static func error(for failure: SMTPTransportFailure, stage: SMTPError.Stage) -> SMTPError {
        switch failure {
        case .timeout:
            SMTPError(stage: stage, kind: .timeout, detail: "no reply or progress within the timeout", isPermanent: false)
        case .closed:
            SMTPError(stage: stage, kind: .connectionFailed, detail: "the server closed the connection", isPermanent: false)
        case .protocolViolation(let reason):
            SMTPError(stage: stage, kind: .protocolViolation, detail: reason, isPermanent: false)
        case .io(let reason):
            SMTPError(stage: stage, kind: .connectionFailed, detail: reason, isPermanent: false)
        case .tls(let reason):
            // Certificate and handshake failures do not fix themselves; retrying is pointless.
            SMTPError(stage: stage, kind: .tlsFailed, detail: "TLS failed: \(reason)", isPermanent: true)
        }
    }

    static func base64(_ text: String) -> String {
        String(decoding: MIMEEncoding.base64(Array(text.utf8)), as: UTF8.self)
    }

    /// CRLF-normalised, dot-stuffed payload ending in CRLF.CRLF (RFC 5321 §4.5.2).
    ///
    /// Bare CR and LF become CRLF so that no line can end the data early on a lenient server
    /// ("SMTP smuggling").
    static func dataPayload(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 8)
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            index += 1
            if byte == 13 || byte == 10 {
                if byte == 13, index < message.count, message[index] == 10 { index += 1 }
                out += MIMEEncoding.crlf
                atLineStart = true
                continue
            }
            if atLineStart, byte == UInt8(ascii: ".") { out.append(byte) }
            out.append(byte)
            atLineStart = false
        }
        if !atLineStart { out += MIMEEncoding.crlf }
        out += Array(".\r\n".utf8)
        return out
    }
}
