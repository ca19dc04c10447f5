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

    /// The fields of `line`, 1-based field numbers in problems.
    public static func split(_ line: Substring, delimiter: Character = ",") throws(Problem) -> [Substring] {
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
