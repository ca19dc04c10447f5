/// The server's reply to the end of DATA, i.e. its acceptance of the message.
public struct SMTPReceipt: Sendable {
    /// The reply code (2xx).
    public var code: Int
    /// The reply text, e.g. `2.0.0 Ok: queued as 4F2A1C`; useful as a delivery reference.
    public var text: String

    /// Creates a receipt.
    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }
}
