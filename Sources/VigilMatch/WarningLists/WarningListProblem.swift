/// One bad entry of a warning list: where it is, what it said and why it was refused.
public struct WarningListProblem: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the text (or position in the list of raw entries).
    public let line: Int
    /// The offending text, trimmed, cut to 100 characters and with control and format
    /// characters escaped, so that it is safe to log and show.
    public let text: String
    /// Why the entry was refused, e.g. `invalid ipv4: octet 4 is greater than 255`.
    public let reason: String

    /// Creates a problem; `text` is trimmed, truncated and escaped here.
    public init(line: Int, text: some StringProtocol, reason: String) {
        self.line = line
        self.text = sanitisedEntryText(text)
        self.reason = reason
    }

    /// `line 3: invalid domain: label too long ("aaaa…")`.
    public var description: String { "line \(line): \(reason) (\"\(text)\")" }
}

/// A warning list that had bad entries. Every problem is listed, in line order, and the
/// list built from the good entries is kept, so a caller that prefers to load what it can
/// (a large third-party top-sites file) may go on with `validEntries` and report the rest.
public struct WarningListError: Error, Sendable, CustomStringConvertible {
    /// The name of the list.
    public let list: String
    /// Every bad entry, in line order.
    public let problems: [WarningListProblem]
    /// The list built from the entries that were valid.
    public let validEntries: WarningList

    /// Creates an error.
    public init(list: String, problems: [WarningListProblem], validEntries: WarningList) {
        self.list = list
        self.problems = problems
        self.validEntries = validEntries
    }

    /// One line per problem, after a summary line.
    public var description: String {
        let head = "warning list \(list): \(problems.count) bad entr\(problems.count == 1 ? "y" : "ies")"
        return ([head] + problems.map { "  " + $0.description }).joined(separator: "\n")
    }
}

/// Trims ASCII whitespace, keeps at most 100 characters and escapes control, format and
/// line/paragraph separator characters (`\u{202E}`, …).
func sanitisedEntryText(_ raw: some StringProtocol) -> String {
    let trimmed = raw.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
    var out = ""
    var count = 0
    for scalar in trimmed.unicodeScalars {
        if count == 100 {
            out += "…"
            break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned:
            out += scalar.escaped(asASCII: true)
        default:
            out.unicodeScalars.append(scalar)
        }
        count += 1
    }
    while let last = out.last, last == " " || last == "\t" { out.removeLast() }
    return out
}

/// Calls `body` for each line of `text` with its 1-based number, without building an
/// array of lines. `\n` ends a line; a `\r` before it is dropped.
func forEachLine(in text: String, _ body: (Int, Substring) throws -> Void) rethrows {
    let utf8 = text.utf8
    var start = utf8.startIndex
    var number = 0
    while start < utf8.endIndex {
        number += 1
        var end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
        let next = end == utf8.endIndex ? end : utf8.index(after: end)
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        try body(number, Substring(utf8[start..<end]))
        start = next
    }
}

/// The line without its `#` comment, trimmed of ASCII blanks; empty for a blank or
/// comment-only line.
func entryText(ofLine line: Substring) -> Substring {
    let u = line.utf8
    var start = u.startIndex
    var end = u.firstIndex(of: 0x23) ?? u.endIndex
    func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
    while start < end && blank(u[start]) { start = u.index(after: start) }
    while end > start && blank(u[u.index(before: end)]) { end = u.index(before: end) }
    return Substring(u[start..<end])
}
