/// A file attached to a ``MailMessage``; always sent base64-encoded.
public struct MailAttachment: Sendable, Hashable {
    /// The file name shown to the recipient; RFC 2231-encoded when not plain ASCII.
    public var filename: String
    /// A MIME type such as `text/csv` or `application/json; charset=utf-8`.
    public var contentType: String
    /// The raw file content.
    public var data: [UInt8]

    /// Creates an attachment.
    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}
