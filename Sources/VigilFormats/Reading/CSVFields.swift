import Foundation

/// Splits one CSV record into fields following RFC 4180: fields may be quoted with `"`, a quote
/// inside a quoted field is doubled, and the delimiter inside quotes is data.
///
/// Records spanning several lines (a line break inside quotes) are not supported: feeds put one
/// record per line, and a bounded line reader must not wait for a closing quote forever.
public enum CSVFields {
    /// A record the splitter cannot read.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// A quoted field has no closing quote on this line.
        case unterminatedQuote(field: Int)
        /// Text follows a closing quote before the next delimiter.
        case textAfterQuote(field: Int)

        public var description: String {
            switch self {
            case .unterminatedQuote(let field): "field \(field): quoted field has no closing quote"
            case .textAfterQuote(let field): "field \(field): text after the closing quote"
            }
        }
    }

    /// `field` as one RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a quote
    /// or a line break.
    public static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends `field` to `bytes` as `quoted(_:)` writes it, without building a String.
    public static func append(_ field: String, to bytes: inout [UInt8]) {
        let utf8 = field.utf8
        guard utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
            bytes += utf8
            return
        }
        bytes.append(0x22)
        for b in utf8 {
            if b == 0x22 { bytes.append(0x22) }
            bytes.append(b)
        }
        bytes.append(0x22)
    }

    /// The fields of `line`, 1-based field numbers in problems.
    ///
    /// Works on the UTF-8 bytes (the delimiter and `"` are ASCII, and UTF-8 never uses ASCII bytes
    /// inside a multi-byte character), so fields are sliced, not rebuilt character by character.
    public static func split(_ line: Substring, delimiter: Character = ",") throws(Problem) -> [Substring] {
        guard let delimiterByte = delimiter.asciiValue else { return try splitCharacters(line, delimiter: delimiter) }
        var fields: [Substring] = []
        let utf8 = line.utf8
        var index = utf8.startIndex
        while true {
            let fieldNumber = fields.count + 1
            if index < utf8.endIndex, utf8[index] == 0x22 {
                var value = ""
                var cursor = utf8.index(after: index)
                var segment = cursor
                var closed = false
                while cursor < utf8.endIndex {
                    if utf8[cursor] == 0x22 {
                        value += line[segment..<cursor]
                        let next = utf8.index(after: cursor)
                        if next < utf8.endIndex, utf8[next] == 0x22 {
                            value += "\""
                            cursor = utf8.index(after: next)
                            segment = cursor
                            continue
                        }
                        cursor = next
                        closed = true
                        break
                    }
                    cursor = utf8.index(after: cursor)
                }
                guard closed else { throw .unterminatedQuote(field: fieldNumber) }
                fields.append(Substring(value))
                if cursor == utf8.endIndex { return fields }
                guard utf8[cursor] == delimiterByte else { throw .textAfterQuote(field: fieldNumber) }
                index = utf8.index(after: cursor)
            } else {
                let end = utf8[index...].firstIndex(of: delimiterByte) ?? utf8.endIndex
                fields.append(line[index..<end])
                if end == utf8.endIndex { return fields }
                index = utf8.index(after: end)
            }
        }
    }

    /// The same for a non-ASCII delimiter, character by character.
    static func splitCharacters(_ line: Substring, delimiter: Character) throws(Problem) -> [Substring] {
        var fields: [Substring] = []
        var index = line.startIndex
        while true {
            let fieldNumber = fields.count + 1
            if index < line.endIndex, line[index] == "\"" {
                var value = ""
                var cursor = line.index(after: index)
                var closed = false
                while cursor < line.endIndex {
                    let character = line[cursor]
                    if character == "\"" {
                        let next = line.index(after: cursor)
                        if next < line.endIndex, line[next] == "\"" {
                            value.append("\"")
                            cursor = line.index(after: next)
                            continue
                        }
                        cursor = next
                        closed = true
                        break
                    }
                    value.append(character)
                    cursor = line.index(after: cursor)
                }
                guard closed else { throw .unterminatedQuote(field: fieldNumber) }
                fields.append(Substring(value))
                if cursor == line.endIndex { return fields }
                guard line[cursor] == delimiter else { throw .textAfterQuote(field: fieldNumber) }
                index = line.index(after: cursor)
            } else {
                let end = line[index...].firstIndex(of: delimiter) ?? line.endIndex
                fields.append(line[index..<end])
                if end == line.endIndex { return fields }
                index = line.index(after: end)
            }
        }
    }
}
