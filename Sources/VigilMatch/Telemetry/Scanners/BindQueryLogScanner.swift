import VigilCore

/// BIND's query log (`category queries`):
/// `26-Nov-2026 01:00:00.123 queries: info: client @0x7f8b3c0a8f68 192.0.2.10#53124
/// (www.example.com): query: www.example.com IN A +E(0)K (192.0.2.1)`; the `@0x…` handle is
/// absent before BIND 9.11 and the time prefix when logged through syslog.
public struct BindQueryLogScanner: TelemetryScanner {
    /// The year for syslog-style times.
    public var year: Int

    /// A scanner; `year` completes syslog times.
    public init(year: Int) { self.year = year }

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        guard let query = indexAfter("query: ", in: line) else {
            // Other categories are not ours; a query line cut before its query is.
            return indexAfter("queries:", in: line) != nil || indexAfter("client ", in: line) != nil
                ? .malformed("query missing (truncated line?)") : .skipped
        }
        guard var i = indexAfter("client ", in: line) else { return .malformed("client missing") }
        guard var token = nextToken(line, from: &i) else { return .malformed("client missing") }
        if fieldEquals(line, token.lowerBound..<min(token.lowerBound + 2, token.upperBound), "@0") {
            guard let next = nextToken(line, from: &i) else { return .malformed("client missing") }
            token = next
        }
        var hash = token.lowerBound
        while hash < token.upperBound, line[hash] != 0x23 { hash += 1 }
        guard isAddress(line, token.lowerBound..<hash) else { return .malformed("client address") }
        var k = query
        guard let name = nextToken(line, from: &k) else { return .malformed("query name missing") }
        guard nextToken(line, from: &k) != nil, nextToken(line, from: &k) != nil else {
            return .malformed("query class or type missing (truncated line?)")
        }
        record.client = token.lowerBound..<hash
        record.name = name
        record.time = Self.time(line, year: year)
        return .record
    }

    /// `DD-Mon-YYYY HH:MM:SS.mmm` at the start, else a syslog time.
    private static func time(_ line: UnsafeBufferPointer<UInt8>, year: Int) -> Int64? {
        if line.count > 20, line[2] == 0x2D, line[6] == 0x2D, let day = decimal(line, 0..<2),
           let month = monthNumber(line, 3), let year = decimal(line, 7..<11), let (seconds, end) = clockTime(line, at: 12) {
            var millis: Int64 = 0
            if end + 4 <= line.count, line[end] == 0x2E, let m = decimal(line, (end + 1)..<(end + 4)) { millis = Int64(m) }
            return (Int64(CivilDate.daysSinceEpoch(year: year, month: month, day: day)) * 86_400 + seconds) * 1000 + millis
        }
        return syslogTime(line, at: 0, year: year)?.0
    }
}
