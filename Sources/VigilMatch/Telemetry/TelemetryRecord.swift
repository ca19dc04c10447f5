import VigilCore

/// What a scanner found in one log line: ranges of the line's bytes, so nothing is copied
/// unless it hits.
public struct TelemetryRecord: Sendable {
    /// The line's time, Unix milliseconds (nil: the log has none; the scan's time is used).
    public var time: Int64?
    /// The client's address (the querier, the proxy user, the flow's other end).
    public var client: Range<Int>?
    /// A DNS name or host to match against domains (and addresses, when it is one).
    public var name: Range<Int>?
    /// Flow or connection endpoints, matched against addresses.
    public var source: Range<Int>?
    /// See `source`.
    public var destination: Range<Int>?
    /// `source` parsed by the scanner (which had to check it anyway), so it is parsed once.
    public var sourceAddress: IPAddress?
    /// `destination` parsed by the scanner.
    public var destinationAddress: IPAddress?
    /// A whole URL (proxy logs).
    public var url: Range<Int>?
    /// The path and query of a request whose host is `name` (Zeek's `http.log`).
    public var uri: Range<Int>?

    /// An empty record.
    public init() {}
}

/// An address read from a log line.
public enum IPAddress: Sendable, Equatable {
    case v4(UInt32)
    case v6(IPv6Address)

    /// The address in `p[range]` (dotted quad or IPv6 text), or nil.
    @inline(__always)
    init?(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        if let v4 = canonicalIPv4(p, range.lowerBound, range.upperBound) {
            self = .v4(v4)
        } else if let v6 = canonicalIPv6(p, range.lowerBound, range.upperBound) {
            self = .v6(v6)
        } else {
            return nil
        }
    }
}

/// How scanning one line went.
public enum ScanOutcome: Sendable {
    /// A record to match.
    case record
    /// Not a record and not an error: a comment, a header, a log line of another kind.
    case skipped
    /// A line that should be a record but cannot be read; the reason names the field.
    case malformed(StaticString)
}

/// Reads records from the lines of one log format. A scanner may keep state from earlier
/// lines (a header naming the columns); copies of it carry that state to other threads.
public protocol TelemetryScanner: Sendable {
    /// Fills `record` from `line` (no line break) and says what the line was.
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome
}
