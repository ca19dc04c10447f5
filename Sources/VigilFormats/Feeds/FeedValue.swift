import VigilCore

/// Helpers every parser uses to turn raw text into canonical values and rejections.
public enum FeedValue {
    /// Canonicalises `raw` as `type` (or detects the type when nil); a bad value becomes a rejection
    /// naming `field` and the parse error.
    public static func parse(
        _ raw: some StringProtocol, as type: IndicatorType?, at location: FeedLocation, field: String = "value"
    ) -> Result<IndicatorValue, FeedRejection> {
        let text = String(raw)
        do {
            let value = try type.map { try IndicatorValue(parsing: text, as: $0) } ?? IndicatorValue(detecting: text)
            return .success(value)
        } catch {
            return .failure(FeedRejection(location: location, field: field, reason: "\(error)"))
        }
    }

    /// The record for a value parsed with `parse`, built into an item by `build`.
    public static func record(
        _ raw: some StringProtocol, as type: IndicatorType?, at location: FeedLocation, field: String = "value",
        build: (IndicatorValue) -> FeedItem
    ) -> FeedRecord {
        switch parse(raw, as: type, at: location, field: field) {
        case .success(let value): .item(build(value))
        case .failure(let rejection): .rejection(rejection)
        }
    }
}

/// Timestamps as feeds write them, read without Foundation's slow formatters.
public enum FeedTime {
    /// Epoch milliseconds for `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or ISO 8601
    /// (`T` separator, optional fraction, `Z` or `±HH:MM`/`±HHMM` offset; no offset means UTC);
    /// nil when the text is none of these.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, millis = 0, offsetMinutes = 0
        var index = 10
        if bytes.count > 10 {
            guard bytes[10] == 0x20 || bytes[10] == 0x54, let h = number(11..<13), bytes.count >= 16, bytes[13] == 0x3A,
                  let m = number(14..<16) else { return nil }
            hour = h
            minute = m
            index = 16
            if index < bytes.count, bytes[index] == 0x3A {
                guard let s = number(17..<19) else { return nil }
                second = s
                index = 19
            }
            if index < bytes.count, bytes[index] == 0x2E {
                index += 1
                var scale = 100
                while index < bytes.count, (48...57).contains(bytes[index]) {
                    millis += Int(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
            }
            if index < bytes.count {
                switch bytes[index] {
                case 0x5A:
                    index += 1
                case 0x2B, 0x2D:
                    let sign = bytes[index] == 0x2D ? -1 : 1
                    guard let oh = number(index + 1..<index + 3) else { return nil }
                    var cursor = index + 3
                    if cursor < bytes.count, bytes[cursor] == 0x3A { cursor += 1 }
                    guard let om = number(cursor..<cursor + 2) else { return nil }
                    offsetMinutes = sign * (oh * 60 + om)
                    index = cursor + 2
                default:
                    return nil
                }
            }
            guard index == bytes.count, hour < 24, minute < 60, second < 61 else { return nil }
        }
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }
}
