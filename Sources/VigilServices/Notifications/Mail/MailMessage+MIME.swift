import Foundation

extension MailMessage {
    /// The message as CRLF-terminated bytes ready for DATA (before dot-stuffing).
    ///
    /// The output is 7-bit ASCII unless an address is non-ASCII (which needs SMTPUTF8). Lines
    /// never exceed 998 octets, and header lines holding encoded words stay within 76 columns.
    /// Call ``validate()`` first: rendering does not fail, it only neutralises line breaks.
    public func rendered() -> [UInt8] {
        var out: [UInt8] = []
        out += MIMEEncoding.foldedHeader(name: "Date", segments: [Self.rfc5322Date(date)])
        out += MIMEEncoding.foldedHeader(name: "From", segments: from.headerSegments())
        out += MIMEEncoding.foldedHeader(name: "To", segments: addressListSegments())
        out += MIMEEncoding.foldedHeader(name: "Subject", segments: MIMEEncoding.unstructuredSegments(Self.stripLineBreaks(subject)))
        out += MIMEEncoding.foldedHeader(name: "Message-ID", segments: ["<\(Self.stripLineBreaks(messageID))>"])
        for header in extraHeaders {
            let name = String(decoding: header.name.utf8.filter { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: ":") }, as: UTF8.self)
            guard !name.isEmpty else { continue }
            out += MIMEEncoding.foldedHeader(name: name, segments: MIMEEncoding.unstructuredSegments(Self.stripLineBreaks(header.value)))
        }
        out += Array("MIME-Version: 1.0\r\n".utf8)

        let (bodyHeaders, body) = textPart()
        if attachments.isEmpty {
            out += bodyHeaders + MIMEEncoding.crlf + body
            if !out.ends(with: MIMEEncoding.crlf) { out += MIMEEncoding.crlf }
            return out
        }
        // "=_" cannot occur in base64 or quoted-printable output, so the boundary never collides
        // with part content.
        let boundary = "=_vigil_" + String(UInt64.random(in: 0...UInt64.max), radix: 16) + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        out += Array("Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
        out += Array("This is a multi-part message in MIME format.\r\n".utf8)
        let delimiter = Array("\r\n--\(boundary)\r\n".utf8)
        // The CRLF before a boundary belongs to the delimiter, so the body keeps its own last line
        // break (if any) and the part decodes to exactly `textBody`.
        out += delimiter + bodyHeaders + MIMEEncoding.crlf + body
        for attachment in attachments {
            out += delimiter + Self.attachmentHeaders(attachment) + MIMEEncoding.crlf
            out += MIMEEncoding.base64Lines(attachment.data).dropLast(2)
        }
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    private func addressListSegments() -> [String] {
        guard !to.isEmpty else { return ["undisclosed-recipients:;"] }
        var segments: [String] = []
        for (index, address) in to.enumerated() {
            var parts = address.headerSegments()
            if index > 0 { parts[0] = " " + parts[0] }
            if index < to.count - 1 { parts[parts.count - 1] += "," }
            segments += parts
        }
        return segments
    }

    /// Headers and encoded body of the text/plain part. A base64 body carries no final CRLF; a
    /// quoted-printable one ends with CRLF exactly when `textBody` ends with a line break.
    private func textPart() -> (headers: [UInt8], body: [UInt8]) {
        let text = MIMEEncoding.normalizeLineBreaks(textBody)
        // Quoted-printable keeps mostly-ASCII text readable in raw form; for mostly non-ASCII
        // text (e.g. Chinese, 3 bytes per character) base64 is less than half the size.
        let nonASCII = text.lazy.filter { $0 >= 128 }.count
        let useBase64 = nonASCII * 4 > text.count
        let body = useBase64 ? Array(MIMEEncoding.base64Lines(text).dropLast(2)) : MIMEEncoding.quotedPrintable(text)
        let encoding = useBase64 ? "base64" : "quoted-printable"
        let headers = Array("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: \(encoding)\r\n".utf8)
        return (headers, body)
    }

    private static func attachmentHeaders(_ attachment: MailAttachment) -> [UInt8] {
        let contentType = String(decoding: attachment.contentType.utf8.filter { $0 >= 32 && $0 <= 126 }, as: UTF8.self)
        let filename = stripLineBreaks(attachment.filename)
        var typeSegments = [contentType]
        // Some clients only read the legacy `name` parameter; it is only added where no
        // RFC 2231 encoding is needed, because those clients would not understand it anyway.
        let nameSegments = MIMEEncoding.parameterSegments(name: "name", value: filename)
        if nameSegments.count == 1, !nameSegments[0].contains("*"), !contentType.lowercased().contains("name=") {
            typeSegments[0] += ";"
            typeSegments += nameSegments
        }
        let fileSegments = MIMEEncoding.parameterSegments(name: "filename", value: filename)
        let dispositionSegments = ["attachment;"] + fileSegments.enumerated().map {
            $0.offset < fileSegments.count - 1 ? $0.element + ";" : $0.element
        }
        return MIMEEncoding.foldedHeader(name: "Content-Type", segments: typeSegments)
            + MIMEEncoding.foldedHeader(name: "Content-Disposition", segments: dispositionSegments)
            + Array("Content-Transfer-Encoding: base64\r\n".utf8)
    }

    /// RFC 5322 §3.3 date in UTC; built by hand because it must not depend on the locale.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix) }
}
