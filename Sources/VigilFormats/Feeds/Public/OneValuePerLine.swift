import VigilCore

/// The shared reading of public feeds that publish one indicator per line (blocklist.de,
/// OpenPhish, Emerging Threats): blank lines and lines starting with `#` are skipped, the rest
/// is one value, surrounding ASCII whitespace ignored. Bad values are rejected in field `value`.
enum OneValuePerLine {
    /// Reads `line`; `type` picks the indicator type from the trimmed text, `build` makes the item.
    static func read(
        _ line: Line, into records: inout [FeedRecord], type: (Substring) -> IndicatorType,
        build: (IndicatorValue, FeedLocation) -> FeedItem
    ) {
        guard let text = line.text(rejectingInto: &records) else { return }
        guard let value = value(of: text) else { return }
        let location = FeedLocation(line: line.number)
        records.append(FeedValue.record(value, as: type(value), at: location) { build($0, location) })
    }

    /// The trimmed text of a line; nil for a blank line or a `#` comment line.
    static func value(of text: Substring) -> Substring? {
        let value = trimmed(text)
        return value.isEmpty || value.first == "#" ? nil : value
    }

    /// `text` without leading and trailing ASCII spaces, tabs and carriage returns.
    static func trimmed(_ text: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
              let end = text.lastIndex(where: { !isSpace($0) }) else { return text[text.endIndex...] }
        return text[start...end]
    }

    /// IPv6 when the text holds a colon, otherwise IPv4: the lists hold single addresses only.
    static func ipAddressType(_ text: Substring) -> IndicatorType {
        text.contains(":") ? .ipv6 : .ipv4
    }
}
