/// One token of a STIX pattern and the character offset where it starts.
struct STIXToken: Sendable {
    /// What the token is.
    enum Kind: Sendable, Equatable, CustomStringConvertible {
        case leftBracket, rightBracket, leftParen, rightParen, colon, dot, comma, star
        /// `=`, `!=`, `<`, `<=`, `>`, `>=` (`==` is read as `=`, `<>` as `!=`).
        case comparison(String)
        /// An identifier or keyword (object types keep their hyphens: `ipv4-addr`).
        case word(String)
        /// A `"double-quoted"` property name (STIX 2.0 style).
        case quotedName(String)
        /// A string, hex, binary or timestamp literal.
        case literal(STIXPattern.Literal)
        /// An integer or float literal.
        case number(STIXPattern.Literal)
        /// The end of the pattern.
        case end

        var description: String {
            switch self {
            case .leftBracket: "'['"
            case .rightBracket: "']'"
            case .leftParen: "'('"
            case .rightParen: "')'"
            case .colon: "':'"
            case .dot: "'.'"
            case .comma: "','"
            case .star: "'*'"
            case .comparison(let symbol): "'\(symbol)'"
            case .word(let word): "'\(word.prefix(40))'"
            case .quotedName(let name): "\"\(name.prefix(40))\""
            case .literal(let literal), .number(let literal): String(literal.description.prefix(40))
            case .end: "the end of the pattern"
            }
        }
    }

    /// The kind.
    let kind: Kind
    /// 0-based offset in Unicode scalars.
    let offset: Int
}

/// Splits a STIX pattern into tokens.
enum STIXLexer {
    /// The tokens of `text`, ending with `.end`.
    static func tokens(of text: String) throws(STIXPatternError) -> [STIXToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [STIXToken] = []
        var index = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            func add(_ kind: STIXToken.Kind, length: Int = 1) {
                tokens.append(STIXToken(kind: kind, offset: start))
                index += length
            }
            switch scalar {
            case "[": add(.leftBracket)
            case "]": add(.rightBracket)
            case "(": add(.leftParen)
            case ")": add(.rightParen)
            case ":": add(.colon)
            case ".": add(.dot)
            case ",": add(.comma)
            case "*": add(.star)
            case "=": add(.comparison("="), length: peek(1) == "=" ? 2 : 1)
            case "!":
                guard peek(1) == "=" else { throw STIXPatternError(offset: start, message: "'!' must be followed by '='") }
                add(.comparison("!="), length: 2)
            case "<":
                switch peek(1) {
                case "=": add(.comparison("<="), length: 2)
                case ">": add(.comparison("!="), length: 2)
                default: add(.comparison("<"))
                }
            case ">": add(.comparison(peek(1) == "=" ? ">=" : ">"), length: peek(1) == "=" ? 2 : 1)
            case "'":
                let (text, end) = try quoted(scalars, from: start)
                tokens.append(STIXToken(kind: .literal(.string(text)), offset: start))
                index = end
            case "\"":
                guard let close = scalars[(start + 1)...].firstIndex(of: "\"") else {
                    throw STIXPatternError(offset: start, message: "unterminated quoted property name")
                }
                var name = String.UnicodeScalarView()
                name.append(contentsOf: scalars[(start + 1)..<close])
                tokens.append(STIXToken(kind: .quotedName(String(name)), offset: start))
                index = close + 1
            case "0"..."9", "+", "-":
                let (number, end) = try self.number(scalars, from: start)
                tokens.append(STIXToken(kind: .number(number), offset: start))
                index = end
            default:
                guard isWordStart(scalar) else {
                    throw STIXPatternError(offset: start, message: "unexpected character '\(scalar.escaped(asASCII: true))'")
                }
                var end = start + 1
                while end < scalars.count, isWordStart(scalars[end]) || ("0"..."9").contains(scalars[end]) || scalars[end] == "-" {
                    end += 1
                }
                var word = String.UnicodeScalarView()
                word.append(contentsOf: scalars[start..<end])
                let text = String(word)
                if end - start == 1, end < scalars.count, scalars[end] == "'", ["h", "b", "t"].contains(text) {
                    let (body, after) = try quoted(scalars, from: end)
                    let literal: STIXPattern.Literal = text == "h" ? .hex(body) : text == "b" ? .binary(body) : .timestamp(body)
                    tokens.append(STIXToken(kind: .literal(literal), offset: start))
                    index = after
                } else {
                    tokens.append(STIXToken(kind: .word(text), offset: start))
                    index = end
                }
            }
        }
        tokens.append(STIXToken(kind: .end, offset: scalars.count))
        return tokens
    }

    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    /// A `'…'` literal starting at `start` (the quote): its text and the index after the closing quote.
    private static func quoted(_ scalars: [Unicode.Scalar], from start: Int) throws(STIXPatternError) -> (String, Int) {
        var text = String.UnicodeScalarView()
        var index = start + 1
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "'" { return (String(text), index + 1) }
            if scalar == "\\" {
                guard index + 1 < scalars.count, scalars[index + 1] == "'" || scalars[index + 1] == "\\" else {
                    throw STIXPatternError(offset: index, message: "invalid escape in a string (only \\' and \\\\ are allowed)")
                }
                text.append(scalars[index + 1])
                index += 2
                continue
            }
            text.append(scalar)
            index += 1
        }
        throw STIXPatternError(offset: start, message: "unterminated string")
    }

    /// A number literal starting at `start`: the literal and the index after it.
    private static func number(_ scalars: [Unicode.Scalar], from start: Int) throws(STIXPatternError) -> (STIXPattern.Literal, Int) {
        var index = start
        if scalars[index] == "+" || scalars[index] == "-" { index += 1 }
        let digitsStart = index
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        var isFloat = false
        if index < scalars.count, scalars[index] == ".", index + 1 < scalars.count, ("0"..."9").contains(scalars[index + 1]) {
            isFloat = true
            index += 1
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        }
        guard index > digitsStart else { throw STIXPatternError(offset: start, message: "expected digits") }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<index])
        let string = String(text)
        if isFloat, let value = Double(string) { return (.float(value), index) }
        guard !isFloat, let value = Int64(string) else {
            throw STIXPatternError(offset: start, message: "number \(string.prefix(30)) is out of range")
        }
        return (.integer(value), index)
    }
}
