/// How often an organisation's notices are aggregated (SPEC C5).
public enum NoticePeriod: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// One notice per minute in which something happened: as soon as the next delivery round.
    case immediate
    /// One notice per clock hour (UTC).
    case hourly
    /// One notice per UTC day.
    case daily

    /// Length of one period, milliseconds.
    public var milliseconds: Int64 {
        switch self {
        case .immediate: 60_000
        case .hourly: 3_600_000
        case .daily: 86_400_000
        }
    }

    /// The period holding `time` (Unix milliseconds): start inclusive, end exclusive.
    public func window(containing time: Int64) -> Range<Int64> {
        let start = time - ((time % milliseconds) + milliseconds) % milliseconds
        return start..<(start + milliseconds)
    }

    public var description: String { rawValue }
}

/// The languages notices and the UI are written in.
public enum NoticeLanguage: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// English.
    case en
    /// Simplified Chinese.
    case zh

    public var description: String { rawValue }
}
