import VigilCore

/// Counts of one scan, and a sample of the lines that could not be read.
public struct ScanStatistics: Sendable, Equatable, Codable {
    /// A line that could not be read.
    public struct MalformedLine: Sendable, Equatable, Codable {
        /// 1-based line number in the input.
        public var line: Int
        /// What was wrong, naming the field.
        public var reason: String
        /// The line's start (at most 200 bytes).
        public var text: String
    }

    /// At most this many malformed lines are kept as samples.
    public static let sampleLimit = 20

    /// Lines read.
    public var lines = 0
    /// Bytes read.
    public var bytes = 0
    /// Lines that held a record.
    public var records = 0
    /// Headers, comments and log lines of other kinds.
    public var skipped = 0
    /// Lines that should have held a record but could not be read.
    public var malformed = 0
    /// Indicator hits.
    public var hits = 0
    /// The first malformed lines.
    public var samples: [MalformedLine] = []

    /// Empty counts.
    public init() {}

    /// Adds `other`'s counts (and samples, up to the limit, in line order).
    public mutating func merge(_ other: ScanStatistics) {
        lines += other.lines
        bytes += other.bytes
        records += other.records
        skipped += other.skipped
        malformed += other.malformed
        hits += other.hits
        if samples.count < Self.sampleLimit {
            samples = Array((samples + other.samples).sorted { $0.line < $1.line }.prefix(Self.sampleLimit))
        }
    }
}

/// One indicator seen in one log line.
public struct TelemetryHit: Sendable, Hashable {
    /// The indicator's type and canonical value (the store's key for it).
    public var indicator: IndicatorValue
    /// 1-based line number in the input.
    public var line: Int
    /// The line's time, Unix milliseconds, if it has one.
    public var time: Int64?
    /// The client's address as logged.
    public var client: String?
    /// What matched, as logged (a name, an address, a URL).
    public var observed: String

    /// A hit.
    public init(indicator: IndicatorValue, line: Int, time: Int64?, client: String?, observed: String) {
        self.indicator = indicator
        self.line = line
        self.time = time
        self.client = client
        self.observed = observed
    }
}
