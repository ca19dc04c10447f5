/// Rows for a bulk statement, written as one JSON array of arrays that travels as a single bind.
///
/// A batch of 25,000 feed items then costs one short statement per table instead of thousands of
/// bound parameters and a statement text the database must parse anew each time; SQLite reads the
/// rows back with `jsonb_each`, PostgreSQL with `json_array_elements` (see `SQLDatabase.insert(into:_:rows:)`).
public struct BulkRows: Sendable {
    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    private var fieldsInRow = 0
    /// Rows written so far.
    public private(set) var count = 0

    /// An empty set of rows.
    public init() {}

    /// The rows as JSON text.
    public var json: String {
        var closed = bytes
        closed.append(UInt8(ascii: "]"))
        return String(decoding: closed, as: UTF8.self)
    }

    /// Starts a row; every `add` until `endRow()` is one of its fields, in column order.
    public mutating func beginRow() {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "["))
        fieldsInRow = 0
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(UInt8(ascii: "]"))
        count += 1
    }

    /// Adds a text field, or `null`.
    public mutating func add(_ text: String?) {
        separate()
        guard let text else { return appendNull() }
        Self.appendString(text, to: &bytes)
    }

    /// Adds an integer field, or `null`.
    public mutating func add(_ number: Int64?) {
        separate()
        guard let number else { return appendNull() }
        bytes.append(contentsOf: String(number).utf8)
    }

    /// Adds an integer field.
    public mutating func add(_ number: Int) {
        add(Int64(number))
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    private mutating func appendNull() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    /// `texts` as one JSON array of strings.
    public static func jsonArray(_ texts: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, text) in texts.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendString(text, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped.
    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(byte)
                case 0:
                    continue  // PostgreSQL text cannot hold NUL; SQLite would keep it, so neither does
                case 1..<0x20:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hexDigits[Int(byte >> 4)])
                    bytes.append(hexDigits[Int(byte & 0x0F)])
                default:
                    bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
