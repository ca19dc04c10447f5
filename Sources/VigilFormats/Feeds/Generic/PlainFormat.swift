import VigilCore

/// A plain list: one indicator per line.
///
/// - Lines whose first non-blank character is `#` or `;` are comments; blank lines are skipped.
/// - An inline comment starts at a `#` or `;` that follows whitespace (`198.51.100.7  # scanner`);
///   its text becomes the item's description. A `#` or `;` not preceded by whitespace is part of
///   the value, so `https://a.example/p#frag` keeps its fragment.
/// - Option `type` (an `IndicatorType` raw value, e.g. `domain`) parses every line as that type,
///   after undoing defanging (`hxxp`, `[.]`); without it the type is detected per line.
public struct PlainFormat: ConfigurableFeedFormat {
    /// `plain`.
    public static let name = "plain"
    /// One line for `--help`.
    public static let summary = "Plain list, one value per line; # and ; comments (also inline); option type"

    /// The type every line is parsed as; nil to detect per line.
    public let type: IndicatorType?

    /// Builds the parser; throws for an unknown option or an unknown `type`.
    public init(options: FeedOptions) throws(FeedOptionsError) {
        try options.rejectUnknownOptions(known: ["type"], format: Self.name)
        type = try options.indicatorTypeOption("type")
    }

    /// Reads one line.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        guard let text = line.text(rejectingInto: &records) else { return }
        guard let (value, comment) = Self.split(text) else { return }
        let location = FeedLocation(line: line.number)
        let raw = type == nil ? String(value) : IndicatorValue.refang(String(value))
        records.append(FeedValue.record(raw, as: type, at: location) { parsed in
            FeedItem(value: parsed, description: comment, location: location)
        })
    }

    /// The value and the inline comment of a line; nil for blank and comment lines.
    static func split(_ line: Substring) -> (value: Substring, comment: String?)? {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = line.firstIndex(where: { !isSpace($0) }) else { return nil }
        let first = line[start]
        if first == "#" || first == ";" { return nil }
        var end = line.endIndex
        var comment: String?
        var previous = first
        var index = line.index(after: start)
        while index < line.endIndex {
            let character = line[index]
            if (character == "#" || character == ";") && isSpace(previous) {
                end = index
                let text = line[line.index(after: index)...].feedTrimmed()
                comment = text.isEmpty ? nil : text
                break
            }
            previous = character
            index = line.index(after: index)
        }
        var value = line[start..<end]
        while let last = value.last, isSpace(last) { value = value.dropLast() }
        return (value, comment)
    }
}
