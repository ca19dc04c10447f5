import VigilCore

/// Option checks shared by the configurable formats, each error naming the option at fault.
extension Dictionary where Key == String, Value == String {
    /// Throws for the first key (in sorted order) that is not in `known`, so a typo such as
    /// `value_colum` fails the source's configuration instead of being silently ignored.
    func rejectUnknownOptions(known: Set<String>, format: String) throws(FeedOptionsError) {
        for key in keys.sorted() where !known.contains(key) {
            guard !known.isEmpty else { throw FeedOptionsError(option: key, message: "format \(format) takes no options") }
            let list = known.sorted().joined(separator: ", ")
            throw FeedOptionsError(option: key, message: "unknown option for format \(format); known: \(list)")
        }
    }

    /// The option's value trimmed, nil when absent or blank.
    func trimmedOption(_ key: String) -> String? {
        guard let raw = self[key] else { return nil }
        let text = raw.feedTrimmed()
        return text.isEmpty ? nil : text
    }

    /// An indicator type option (`ipv4`, `domain-suffix`, …), nil when absent.
    func indicatorTypeOption(_ key: String) throws(FeedOptionsError) -> IndicatorType? {
        guard let text = trimmedOption(key) else { return nil }
        guard let type = IndicatorType(rawValue: text.lowercased()) else {
            let list = IndicatorType.allCases.map(\.rawValue).joined(separator: ", ")
            throw FeedOptionsError(option: key, message: "\"\(text)\" is not an indicator type; expected one of \(list)")
        }
        return type
    }

    /// A `true`/`false` option (also `yes`/`no`, `1`/`0`), `defaultValue` when absent.
    func boolOption(_ key: String, default defaultValue: Bool) throws(FeedOptionsError) -> Bool {
        guard let text = trimmedOption(key) else { return defaultValue }
        switch text.lowercased() {
        case "true", "yes", "1": return true
        case "false", "no", "0": return false
        default: throw FeedOptionsError(option: key, message: "\"\(text)\" is not true or false")
        }
    }

    /// Throws when both of two mutually exclusive options are set.
    func rejectBoth(_ first: String, _ second: String) throws(FeedOptionsError) {
        if trimmedOption(first) != nil, trimmedOption(second) != nil {
            throw FeedOptionsError(option: second, message: "give either \(first) or \(second), not both")
        }
    }
}

/// Cell and field readers shared by the CSV and JSON-lines formats.
enum FeedFieldText {
    /// Tags split on `,`, `;` or `|`, trimmed, lower-cased, empty ones and repeats dropped.
    static func tags(_ text: some StringProtocol) -> [String] {
        var tags: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }) {
            append(part, to: &tags)
        }
        return tags
    }

    /// Adds `tag` (lower-cased, trimmed) to `tags` unless empty or already there.
    static func append(_ tag: some StringProtocol, to tags: inout [String]) {
        let clean = tag.feedTrimmed().lowercased()
        if !clean.isEmpty, !tags.contains(clean) { tags.append(clean) }
    }

    /// A confidence 0–100 written as a whole number; the reason when it is not one.
    static func confidence(_ text: some StringProtocol) -> Result<Int, FeedFieldProblem> {
        let trimmed = text.feedTrimmed()
        guard let value = Int(trimmed), (0...100).contains(value) else {
            return .failure(FeedFieldProblem("confidence \"\(trimmed.prefix(40))\" is not a whole number from 0 to 100"))
        }
        return .success(value)
    }

    /// Epoch milliseconds from a timestamp in a `FeedTime` form, or from epoch digits:
    /// up to 11 digits are seconds, more are milliseconds. The reason when it is neither.
    static func time(_ text: some StringProtocol) -> Result<Int64, FeedFieldProblem> {
        if let millis = FeedTime.parse(text) { return .success(millis) }
        let trimmed = text.feedTrimmed()
        if let millis = FeedTime.parse(trimmed) { return .success(millis) }
        if !trimmed.isEmpty, trimmed.utf8.count <= 16, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           let number = Int64(trimmed) {
            return .success(trimmed.utf8.count <= 11 ? number * 1000 : number)
        }
        return .failure(FeedFieldProblem("\"\(trimmed.prefix(40))\" is not a date, an ISO 8601 time or epoch seconds"))
    }

    /// Epoch milliseconds from a JSON number of epoch seconds (≤ 99,999,999,999) or milliseconds.
    static func time(epoch number: Int64) -> Int64? {
        guard number >= 0 else { return nil }
        return number <= 99_999_999_999 ? number * 1000 : number
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII spaces and tabs (no copy work when there are none).
    func feedTrimmed() -> String {
        let utf8 = self.utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        var end = first
        var index = first
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if !isSpace(utf8[index]) { end = next }
            index = next
        }
        return String(self[first..<end])
    }
}

/// Why a field or a JSON text could not be read, in one sentence.
struct FeedFieldProblem: Error, Sendable, CustomStringConvertible {
    /// The sentence.
    let reason: String

    /// Creates a problem.
    init(_ reason: String) { self.reason = reason }

    var description: String { reason }
}
