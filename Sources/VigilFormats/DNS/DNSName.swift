/// Domain names in DNS wire form (RFC 1035 §3.1): length-prefixed labels.
public enum DNSName {
    /// The wire labels of `name` (`a.b.c` or `a.b.c.`, `.` or empty for the root), lower-cased,
    /// without the root's terminating zero; `nil` when a label is empty or longer than 63 bytes
    /// or the whole name would be longer than 255 bytes.
    public static func labels(_ name: String) -> [UInt8]? {
        var text = Substring(name)
        if text.hasSuffix(".") { text = text.dropLast() }
        guard !text.isEmpty else { return [] }
        var wire: [UInt8] = []
        wire.reserveCapacity(text.utf8.count + 1)
        for label in text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...63).contains(label.count) else { return nil }
            wire.append(UInt8(label.count))
            wire.append(contentsOf: label.lazy.map(lowercased))
        }
        return wire.count < 255 ? wire : nil
    }

    /// The full wire name of `name`, terminating zero included; `nil` when `labels` refuses it.
    public static func wire(_ name: String) -> [UInt8]? {
        labels(name).map { $0 + [0] }
    }

    /// Reads the name at `offset` in `message`, following compression pointers (RFC 1035 §4.1.4),
    /// and moves `offset` past it. The text is lower-cased and ends with a dot (`.` for the root).
    public static func read(_ message: [UInt8], at offset: inout Int) throws(DNSWireError) -> String {
        var labels: [String] = []
        var position = offset
        var jumped = false
        var jumps = 0
        var length = 0
        while true {
            guard position < message.count else { throw .truncated(at: position) }
            let byte = message[position]
            switch byte & 0xC0 {
            case 0xC0:
                guard position + 1 < message.count else { throw .truncated(at: position) }
                let target = Int(byte & 0x3F) << 8 | Int(message[position + 1])
                jumps += 1
                // A pointer must point backwards; the bound stops loops in hostile messages.
                guard target < position, jumps <= 64 else { throw .badPointer(at: position) }
                if !jumped { offset = position + 2 }
                jumped = true
                position = target
            case 0x00:
                let count = Int(byte)
                if count == 0 {
                    if !jumped { offset = position + 1 }
                    return labels.isEmpty ? "." : labels.joined(separator: ".") + "."
                }
                guard position + 1 + count <= message.count else { throw .truncated(at: position) }
                length += count + 1
                guard length < 255 else { throw .nameTooLong(at: offset) }
                let label = message[(position + 1)..<(position + 1 + count)].map(lowercased)
                labels.append(String(decoding: label, as: UTF8.self))
                position += 1 + count
            default:
                throw .badLabel(at: position)
            }
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}

/// What is wrong with a DNS message that cannot be read.
public enum DNSWireError: Error, Equatable, CustomStringConvertible {
    /// The message ends inside a field that starts at this offset.
    case truncated(at: Int)
    /// A label length byte with the reserved high bits 01 or 10.
    case badLabel(at: Int)
    /// A compression pointer that does not point backwards, or too many of them.
    case badPointer(at: Int)
    /// A name longer than 255 bytes.
    case nameTooLong(at: Int)
    /// Not exactly one question.
    case questionCount(Int)

    public var description: String {
        switch self {
        case .truncated(let offset): "message truncated in the field at byte \(offset)"
        case .badLabel(let offset): "reserved label type at byte \(offset)"
        case .badPointer(let offset): "compression pointer at byte \(offset) does not point backwards"
        case .nameTooLong(let offset): "name at byte \(offset) is longer than 255 bytes"
        case .questionCount(let count): "\(count) questions; exactly one is supported"
        }
    }
}
