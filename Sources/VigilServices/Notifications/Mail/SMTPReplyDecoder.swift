import NIOCore

/// One complete (possibly multi-line) SMTP reply.
struct SMTPReply: Sendable, Hashable {
    var code: Int
    /// The text of each line, without the code and separator.
    var lines: [String]

    var text: String { lines.joined(separator: "\n") }
    var isPositive: Bool { (200..<300).contains(code) }
}

/// Why the server's byte stream is unacceptable.
struct SMTPReplyDecodingError: Error, Equatable {
    var reason: String
}

/// Incremental parser for RFC 5321 §4.2 replies (`250-first`, `250 last`).
///
/// Memory is bounded by ``maxReplyBytes`` per reply, so a hostile server cannot exhaust it
/// with an endless line or an endless multi-line reply.
struct SMTPReplyDecoder {
    static let maxReplyBytes = 64 * 1024

    private var partialLine: [UInt8] = []
    private var lines: [String] = []
    private var code: Int?
    private var replyBytes = 0

    /// True while part of a reply has been received but not yet its last line.
    var hasPartialReply: Bool { !partialLine.isEmpty || code != nil }

    /// Consumes all readable bytes and returns every reply they complete.
    mutating func decode(_ buffer: inout ByteBuffer) throws(SMTPReplyDecodingError) -> [SMTPReply] {
        var replies: [SMTPReply] = []
        while let byte = buffer.readInteger(as: UInt8.self) {
            replyBytes += 1
            guard replyBytes <= Self.maxReplyBytes else {
                throw SMTPReplyDecodingError(reason: "reply longer than \(Self.maxReplyBytes) bytes")
            }
            guard byte == UInt8(ascii: "\n") else {
                partialLine.append(byte)
                continue
            }
            if partialLine.last == UInt8(ascii: "\r") { partialLine.removeLast() }
            let line = partialLine
            partialLine.removeAll(keepingCapacity: true)
            if let reply = try consume(line: line) { replies.append(reply) }
        }
        return replies
    }

    private mutating func consume(line: [UInt8]) throws(SMTPReplyDecodingError) -> SMTPReply? {
        guard line.count >= 3, line[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0])
        else {
            throw SMTPReplyDecodingError(reason: "malformed reply line \(String(reflecting: SMTPError.sanitize(String(decoding: line.prefix(80), as: UTF8.self))))")
        }
        let lineCode = line[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        if let code, code != lineCode {
            throw SMTPReplyDecodingError(reason: "multi-line reply mixes codes \(code) and \(lineCode)")
        }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw SMTPReplyDecodingError(reason: "malformed reply line separator")
        }
        code = lineCode
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        guard separator == UInt8(ascii: " ") else { return nil }
        let reply = SMTPReply(code: lineCode, lines: lines)
        code = nil
        lines = []
        replyBytes = 0
        return reply
    }
}
