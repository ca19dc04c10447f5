/// A STIX 2.1 pattern (STIX 2.1 §9, the patterning language), parsed into its comparisons.
///
/// The whole grammar is read — observation expressions joined by `AND`, `OR` and `FOLLOWEDBY`,
/// the `WITHIN`, `REPEATS` and `START … STOP` qualifiers, comparison expressions joined by
/// `AND`/`OR` with parentheses, every operator (`=`, `!=`, `<`, `IN`, `LIKE`, `MATCHES`,
/// `ISSUBSET`, `ISSUPERSET`, `EXISTS`, `NOT`) and every literal — so that a syntax error can be
/// told apart from a construct a consumer does not support. Parentheses nest at most 64 deep.
///
/// The result keeps the comparisons in order, not the boolean tree: Vigil treats every
/// comparison of an indicator as an indicator of its own (see `STIXFormat`).
public struct STIXPattern: Sendable, Equatable {
    /// A literal on the right of a comparison.
    public enum Literal: Sendable, Equatable, CustomStringConvertible {
        /// `'text'` with `\'` and `\\` unescaped.
        case string(String)
        /// A whole number.
        case integer(Int64)
        /// A number with a fraction.
        case float(Double)
        /// `true` or `false`.
        case boolean(Bool)
        /// `h'…'`, the hex digits.
        case hex(String)
        /// `b'…'`, the base64 text.
        case binary(String)
        /// `t'…'`, the RFC 3339 text.
        case timestamp(String)

        /// The literal as written in a pattern.
        public var description: String {
            switch self {
            case .string(let text): "'\(text)'"
            case .integer(let number): String(number)
            case .float(let number): String(number)
            case .boolean(let flag): String(flag)
            case .hex(let text): "h'\(text)'"
            case .binary(let text): "b'\(text)'"
            case .timestamp(let text): "t'\(text)'"
            }
        }
    }

    /// One step of an object path after the object type.
    public enum PathStep: Sendable, Equatable {
        /// A property name (`value`, `hashes`, `SHA-256`).
        case key(String)
        /// A list index; nil for `[*]`.
        case index(Int?)
    }

    /// A comparison operator.
    public enum Operator: String, Sendable, Equatable {
        /// `=` (also `==`).
        case equal = "="
        /// `!=` (also `<>`).
        case notEqual = "!="
        /// `>`.
        case greater = ">"
        /// `<`.
        case less = "<"
        /// `>=`.
        case greaterOrEqual = ">="
        /// `<=`.
        case lessOrEqual = "<="
        /// `IN (…)`.
        case `in` = "IN"
        /// `LIKE`.
        case like = "LIKE"
        /// `MATCHES`.
        case matches = "MATCHES"
        /// `ISSUBSET`.
        case isSubset = "ISSUBSET"
        /// `ISSUPERSET`.
        case isSuperset = "ISSUPERSET"
        /// `EXISTS` (no value).
        case exists = "EXISTS"
    }

    /// One comparison: `object-type:path operator value`.
    public struct Comparison: Sendable, Equatable {
        /// The object type, e.g. `ipv4-addr`.
        public var objectType: String
        /// The path after the colon, e.g. `[.key("hashes"), .key("SHA-256")]`.
        public var path: [PathStep]
        /// Whether `NOT` precedes the operator.
        public var negated: Bool
        /// The operator.
        public var op: Operator
        /// The value (several for `IN`, none for `EXISTS`).
        public var values: [Literal]

        /// The object path as written canonically, e.g. `file:hashes.'SHA-256'`.
        public var pathText: String {
            var text = objectType + ":"
            for (position, step) in path.enumerated() {
                switch step {
                case .key(let key):
                    let plain = key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic)
                        || ("0"..."9").contains($0) }
                    text += (position == 0 ? "" : ".") + (plain ? key : "'\(key)'")
                case .index(let index): text += "[\(index.map(String.init) ?? "*")]"
                }
            }
            return text
        }
    }

    /// Every comparison, in the order written.
    public var comparisons: [Comparison]
    /// The qualifiers used (`WITHIN`, `REPEATS`, `START`), in the order written.
    public var qualifiers: [String]
    /// Whether observation expressions are joined by `FOLLOWEDBY`.
    public var usesFollowedBy: Bool

    /// Parses `text`; throws with the character offset of the first syntax error.
    public init(parsing text: String) throws(STIXPatternError) {
        var parser = try STIXPatternParser(text)
        try parser.parsePattern()
        comparisons = parser.comparisons
        qualifiers = parser.qualifiers
        usesFollowedBy = parser.usesFollowedBy
    }
}

/// A pattern that does not follow the STIX patterning grammar.
public struct STIXPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based character offset where the problem was found.
    public var offset: Int
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// E.g. `syntax error at character 14: expected ']'`.
    public var description: String { "syntax error at character \(offset): \(message)" }
}

/// The recursive-descent parser behind `STIXPattern`.
struct STIXPatternParser {
    private let tokens: [STIXToken]
    private var position = 0
    private var depth = 0
    private(set) var comparisons: [STIXPattern.Comparison] = []
    private(set) var qualifiers: [String] = []
    private(set) var usesFollowedBy = false

    /// Deepest nesting of parentheses accepted.
    static let maxDepth = 64

    init(_ text: String) throws(STIXPatternError) {
        tokens = try STIXLexer.tokens(of: text)
    }

    private var current: STIXToken { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func fail(_ message: String) -> STIXPatternError {
        STIXPatternError(offset: current.offset, message: message + ", found \(current.kind)")
    }

    private mutating func accept(_ kind: STIXToken.Kind) -> Bool {
        guard current.kind == kind else { return false }
        advance()
        return true
    }

    private mutating func expect(_ kind: STIXToken.Kind, _ what: String) throws(STIXPatternError) {
        guard accept(kind) else { throw fail("expected \(what)") }
    }

    private mutating func acceptKeyword(_ keyword: String) -> Bool {
        guard case .word(let word) = current.kind, word.uppercased() == keyword else { return false }
        advance()
        return true
    }

    private mutating func nest<T>(_ body: (inout Self) throws(STIXPatternError) -> T) throws(STIXPatternError) -> T {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("parentheses nested more than \(Self.maxDepth) deep") }
        defer { depth -= 1 }
        return try body(&self)
    }

    mutating func parsePattern() throws(STIXPatternError) {
        try observationExpressions()
        guard current.kind == .end else { throw fail("expected AND, OR, FOLLOWEDBY or the end of the pattern") }
    }

    private mutating func observationExpressions() throws(STIXPatternError) {
        try observationOr()
        while acceptKeyword("FOLLOWEDBY") {
            usesFollowedBy = true
            try observationOr()
        }
    }

    private mutating func observationOr() throws(STIXPatternError) {
        repeat { try observationAnd() } while acceptKeyword("OR")
    }

    private mutating func observationAnd() throws(STIXPatternError) {
        repeat { try qualifiedObservation() } while acceptKeyword("AND")
    }

    private mutating func qualifiedObservation() throws(STIXPatternError) {
        if accept(.leftBracket) {
            try comparisonOr()
            try expect(.rightBracket, "']'")
        } else if accept(.leftParen) {
            try nest { (parser: inout Self) throws(STIXPatternError) in try parser.observationExpressions() }
            try expect(.rightParen, "')'")
        } else {
            throw fail("expected '[' or '(' to start an observation expression")
        }
        while try qualifier() {}
    }

    private mutating func qualifier() throws(STIXPatternError) -> Bool {
        if acceptKeyword("WITHIN") {
            guard case .number = current.kind else { throw fail("expected a number of seconds after WITHIN") }
            advance()
            guard acceptKeyword("SECONDS") else { throw fail("expected SECONDS") }
            qualifiers.append("WITHIN")
        } else if acceptKeyword("REPEATS") {
            guard case .number(.integer) = current.kind else { throw fail("expected a whole number after REPEATS") }
            advance()
            guard acceptKeyword("TIMES") else { throw fail("expected TIMES") }
            qualifiers.append("REPEATS")
        } else if acceptKeyword("START") {
            try timestamp("START")
            guard acceptKeyword("STOP") else { throw fail("expected STOP") }
            try timestamp("STOP")
            qualifiers.append("START")
        } else {
            return false
        }
        return true
    }

    private mutating func timestamp(_ keyword: String) throws(STIXPatternError) {
        switch current.kind {
        case .literal(.timestamp), .literal(.string): advance()
        default: throw fail("expected a timestamp t'…' after \(keyword)")
        }
    }

    private mutating func comparisonOr() throws(STIXPatternError) {
        repeat { try comparisonAnd() } while acceptKeyword("OR")
    }

    private mutating func comparisonAnd() throws(STIXPatternError) {
        repeat { try propertyTest() } while acceptKeyword("AND")
    }

    private mutating func propertyTest() throws(STIXPatternError) {
        if accept(.leftParen) {
            try nest { (parser: inout Self) throws(STIXPatternError) in try parser.comparisonOr() }
            try expect(.rightParen, "')'")
            return
        }
        if acceptKeyword("EXISTS") {
            let (type, path) = try objectPath()
            comparisons.append(.init(objectType: type, path: path, negated: false, op: .exists, values: []))
            return
        }
        let (type, path) = try objectPath()
        let negated = acceptKeyword("NOT")
        let op: STIXPattern.Operator
        var values: [STIXPattern.Literal] = []
        if case .comparison(let symbol) = current.kind, let parsed = STIXPattern.Operator(rawValue: symbol) {
            op = parsed
            advance()
            values.append(try literal())
        } else if acceptKeyword("IN") {
            op = .in
            try expect(.leftParen, "'(' after IN")
            if !accept(.rightParen) {
                repeat { values.append(try literal()) } while accept(.comma)
                try expect(.rightParen, "')' or ',' in the IN set")
            }
        } else if case .word(let word) = current.kind,
                  let parsed = STIXPattern.Operator(rawValue: word.uppercased()),
                  [.like, .matches, .isSubset, .isSuperset].contains(parsed) {
            op = parsed
            advance()
            guard case .literal(.string) = current.kind else { throw fail("expected a string after \(parsed.rawValue)") }
            values.append(try literal())
        } else {
            throw fail("expected a comparison operator")
        }
        comparisons.append(.init(objectType: type, path: path, negated: negated, op: op, values: values))
    }

    private mutating func literal() throws(STIXPatternError) -> STIXPattern.Literal {
        switch current.kind {
        case .literal(let literal):
            advance()
            return literal
        case .number(let number):
            advance()
            return number
        case .word(let word) where ["TRUE", "FALSE"].contains(word.uppercased()):
            advance()
            return .boolean(word.uppercased() == "TRUE")
        default:
            throw fail("expected a literal value")
        }
    }

    private mutating func objectPath() throws(STIXPatternError) -> (String, [STIXPattern.PathStep]) {
        guard case .word(let type) = current.kind else { throw fail("expected an object type such as ipv4-addr") }
        advance()
        try expect(.colon, "':' after the object type")
        var path: [STIXPattern.PathStep] = [try pathKey()]
        while true {
            if accept(.dot) {
                path.append(try pathKey())
            } else if accept(.leftBracket) {
                if accept(.star) {
                    path.append(.index(nil))
                } else if case .number(.integer(let index)) = current.kind, index >= 0, index <= Int64(Int32.max) {
                    advance()
                    path.append(.index(Int(index)))
                } else {
                    throw fail("expected a list index or '*'")
                }
                try expect(.rightBracket, "']' after the list index")
            } else {
                return (type, path)
            }
        }
    }

    private mutating func pathKey() throws(STIXPatternError) -> STIXPattern.PathStep {
        switch current.kind {
        case .word(let key), .literal(.string(let key)), .quotedName(let key):
            advance()
            return .key(key)
        default:
            throw fail("expected a property name")
        }
    }
}
