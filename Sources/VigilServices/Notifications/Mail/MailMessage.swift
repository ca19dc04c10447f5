import Foundation

/// A plain-text e-mail with optional attachments, rendered as a MIME message by ``rendered()``.
public struct MailMessage: Sendable {
    /// The author (`From:` header).
    public var from: MailAddress
    /// The visible recipients (`To:` header); the SMTP envelope recipients are passed separately.
    public var to: [MailAddress]
    /// Any Unicode; encoded as RFC 2047 UTF-8 encoded words folded to at most 76 columns when non-ASCII.
    public var subject: String
    /// The text/plain UTF-8 body; sent quoted-printable or base64, whichever is more compact.
    public var textBody: String
    /// Files to attach; the message becomes multipart/mixed when this is non-empty.
    public var attachments: [MailAttachment]
    /// The Message-ID without angle brackets, e.g. `notice-123@vigil.example`.
    public var messageID: String
    /// The `Date:` header value.
    public var date: Date
    /// Additional unstructured headers such as `("X-Vigil-Notice", id)`; CR and LF are rejected.
    public var extraHeaders: [(name: String, value: String)]

    /// Creates a message.
    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        textBody: String,
        attachments: [MailAttachment] = [],
        messageID: String,
        date: Date = Date(),
        extraHeaders: [(name: String, value: String)] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.attachments = attachments
        self.messageID = messageID
        self.date = date
        self.extraHeaders = extraHeaders
    }

    /// Headers that ``rendered()`` writes itself; duplicates would make the message ambiguous.
    static let reservedHeaderNames: Set<String> = [
        "from", "to", "subject", "date", "message-id", "mime-version",
        "content-type", "content-transfer-encoding", "content-disposition",
    ]

    /// Checks every field that ends up in a header, so that no input can inject headers or
    /// produce a message that servers reject. ``SMTPClient/send(_:envelopeFrom:recipients:beforeData:)``
    /// calls this first.
    ///
    /// - Throws: ``SMTPError`` with stage ``SMTPError/Stage/validation``.
    public func validate() throws {
        func invalid(_ detail: String) -> SMTPError { SMTPError(validation: detail) }
        for address in [from] + to {
            guard Self.isValidAddress(address.address) else {
                throw invalid("invalid e-mail address \(String(reflecting: address.address))")
            }
            if let name = address.name, name.unicodeScalars.contains(where: Self.isControl) {
                throw invalid("display name of \(address.address) contains control characters")
            }
        }
        if subject.unicodeScalars.contains(where: Self.isLineBreakOrNUL) {
            throw invalid("subject contains CR, LF or NUL")
        }
        guard !messageID.isEmpty, messageID.utf8.count <= 900, messageID.contains("@"),
              messageID.utf8.allSatisfy({ $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else { throw invalid("invalid Message-ID \(String(reflecting: messageID))") }
        for header in extraHeaders {
            guard !header.name.isEmpty, header.name.utf8.count <= 76,
                  header.name.utf8.allSatisfy({ $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: ":") })
            else { throw invalid("invalid header name \(String(reflecting: header.name))") }
            guard !Self.reservedHeaderNames.contains(header.name.lowercased()) else {
                throw invalid("header \(header.name) is set by the message itself")
            }
            guard !header.value.unicodeScalars.contains(where: Self.isLineBreakOrNUL) else {
                throw invalid("value of header \(header.name) contains CR, LF or NUL")
            }
        }
        for attachment in attachments {
            guard !attachment.filename.isEmpty, !attachment.filename.unicodeScalars.contains(where: Self.isControl) else {
                throw invalid("invalid attachment file name \(String(reflecting: attachment.filename))")
            }
            guard Self.isValidContentType(attachment.contentType) else {
                throw invalid("invalid content type \(String(reflecting: attachment.contentType)) for \(attachment.filename)")
            }
        }
    }

    /// True when an address is non-ASCII, which is only legal with SMTPUTF8 (RFC 6531/6532).
    var requiresSMTPUTF8: Bool { !([from] + to).allSatisfy(\.isASCII) }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 32 || scalar.value == 127 }

    static func isLineBreakOrNUL(_ scalar: Unicode.Scalar) -> Bool { scalar == "\r" || scalar == "\n" || scalar == "\0" }

    /// Deliberately loose (servers do the real checks) but strict enough to keep addresses from
    /// breaking out of `<...>` in headers or SMTP commands.
    static func isValidAddress(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@"), at != address.startIndex,
              address.index(after: at) != address.endIndex, address.utf8.count <= 900
        else { return false }
        return !address.unicodeScalars.contains { isControl($0) || " <>,;\"\\".unicodeScalars.contains($0) }
    }

    /// `type/subtype` made of RFC 2045 token characters, optionally followed by `; parameters`.
    static func isValidContentType(_ value: String) -> Bool {
        guard value.utf8.count <= 200, value.utf8.allSatisfy({ $0 >= 32 && $0 <= 126 }) else { return false }
        let mediaType = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .trimmingCharacters(in: .whitespaces)
        let parts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        let tokenBytes = Set("!#$%&'*+-.^_`|~".utf8)
        return parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { byte in
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || tokenBytes.contains(byte)
            }
        }
    }

    /// ``rendered()`` must never emit a raw line break from a header field, even for a message
    /// that failed ``validate()``; replacing them keeps such a message harmless.
    static func stripLineBreaks(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { isLineBreakOrNUL($0) ? " " : $0 }))
    }
}
