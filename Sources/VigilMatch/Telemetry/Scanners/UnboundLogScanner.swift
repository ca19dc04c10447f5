/// Unbound's query log (`log-queries: yes`):
/// `[1764115200] unbound[812:0] info: 192.0.2.10 www.example.com. A IN`, also with
/// `log-time-ascii` or through syslog (`Nov 26 01:00:00 host unbound: [812:0] info: …`).
/// Other Unbound messages are skipped; a query line missing its name or type is malformed.
public struct UnboundLogScanner: TelemetryScanner {
    /// The year for syslog-style times, which carry none.
    public var year: Int

    /// A scanner; `year` completes times written without one.
    public init(year: Int) { self.year = year }

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        guard let info = indexAfter("info: ", in: line) else {
            return indexAfter("unbound", in: line) == nil && !line.isEmpty
                ? .malformed("not an Unbound log line") : .skipped
        }
        var i = info
        guard let client = nextToken(line, from: &i), isAddress(line, client) else { return .skipped }
        guard let name = nextToken(line, from: &i) else { return .malformed("query name missing") }
        guard nextToken(line, from: &i) != nil, nextToken(line, from: &i) != nil else {
            return .malformed("query type or class missing (truncated line?)")
        }
        record.client = client
        record.name = name
        if line.count > 2, line[0] == 0x5B, let close = indexAfter("]", in: line) {
            record.time = epochMilliseconds(line, 1..<(close - 1))
        } else {
            record.time = syslogTime(line, at: 0, year: year)?.0
        }
        return .record
    }
}

/// Whether `p[range]` is an IPv4 or IPv6 address.
@inline(__always)
func isAddress(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    canonicalIPv4(p, range.lowerBound, range.upperBound) != nil
        || canonicalIPv6(p, range.lowerBound, range.upperBound) != nil
}
