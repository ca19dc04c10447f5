/// Writes JSON as bytes, object by object, for exports too large to build as a tree. Strings are
/// escaped as RFC 8785 (JCS) does: `"`, `\` and control characters only, the rest as UTF-8, so
/// a one-level object written with sorted keys is its canonical form.
public struct JSONWriter: Sendable {
    /// The bytes so far; the caller takes them (and may empty the buffer) when it likes.
    public var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    /// An empty writer.
    public init() {}

    /// `{`.
    public mutating func beginObject() { separate(); bytes.append(0x7B); needsComma.append(false) }
    /// `}`.
    public mutating func endObject() { bytes.append(0x7D); needsComma.removeLast() }
    /// `[`.
    public mutating func beginArray() { separate(); bytes.append(0x5B); needsComma.append(false) }
    /// `]`.
    public mutating func endArray() { bytes.append(0x5D); needsComma.removeLast() }

    /// A key inside an object; the value written next belongs to it.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &bytes)
        bytes.append(0x3A)
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    /// A string value.
    public mutating func string(_ value: String) { separate(); Self.appendString(value, to: &bytes) }
    /// An integer value.
    public mutating func int(_ value: Int) { separate(); bytes += String(value).utf8 }
    /// A boolean value.
    public mutating func bool(_ value: Bool) { separate(); bytes += (value ? "true" : "false").utf8 }

    /// `"name": "value"`.
    public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    /// `"name": number`.
    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    /// `"name": true|false`.
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    /// `"name": ["a", "b"]`.
    public mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for s in strings { string(s) }
        endArray()
    }

    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
    }

    /// Appends `text` as a JSON string.
    public static func appendString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        bytes.append(0x22)
        text.withUTF8 { utf8 in
            // Most values need no escape: copy them whole.
            var clean = true
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                clean = false
                break
            }
            if clean {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case 0x22, 0x5C:
                    bytes.append(0x5C)
                    bytes.append(byte)
                case 0x08: bytes += [0x5C, 0x62]
                case 0x09: bytes += [0x5C, 0x74]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0C: bytes += [0x5C, 0x66]
                case 0x0D: bytes += [0x5C, 0x72]
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(0x22)
    }
}
