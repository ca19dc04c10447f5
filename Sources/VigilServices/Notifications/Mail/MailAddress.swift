import Foundation

/// An e-mail address with an optional display name (display names may be non-ASCII, e.g. Chinese).
public struct MailAddress: Sendable, Hashable {
    /// The addr-spec, e.g. `alerts@cert.example`. Non-ASCII addresses need a server with SMTPUTF8.
    public var address: String
    /// The display name; written as RFC 2047 encoded words when it is not plain ASCII.
    public var name: String?

    /// Creates an address, optionally with a display name.
    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// Header segments for this address (see ``MIMEEncoding/foldedHeader(name:segments:)``);
    /// the first segment has no leading whitespace.
    func headerSegments() -> [String] {
        let address = MailMessage.stripLineBreaks(self.address)
        guard let rawName = name.map(MailMessage.stripLineBreaks), !rawName.isEmpty else { return [address] }
        var nameSegments: [String]
        if rawName.utf8.allSatisfy({ $0 >= 32 && $0 <= 126 }) && !rawName.contains("=?") {
            if rawName.utf8.allSatisfy(Self.isPhraseByte) {
                nameSegments = rawName.split(separator: " ").map(String.init)
            } else {
                let escaped = rawName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                nameSegments = ["\"\(escaped)\""]
            }
            if nameSegments.contains(where: { $0.utf8.count > 900 }) { nameSegments = MIMEEncoding.encodedWords(rawName) }
        } else {
            nameSegments = MIMEEncoding.encodedWords(rawName)
        }
        if nameSegments.isEmpty { return [address] }
        return (nameSegments + ["<\(address)>"]).enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }
    }

    /// RFC 5322 atext plus space: such names need no quoting.
    private static func isPhraseByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "):
            return true
        default:
            return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    var isASCII: Bool { address.utf8.allSatisfy { $0 < 128 } }
}
