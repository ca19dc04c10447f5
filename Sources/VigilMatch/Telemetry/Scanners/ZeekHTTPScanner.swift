/// Zeek's `http.log` (TSV or JSON): the client (`id.orig_h`), the `host` header matched
/// against domains (or addresses), and `host` + `uri` as a URL against URL indicators.
public struct ZeekHTTPScanner: TelemetryScanner {
    private var layout = ZeekLogLayout(wanted: ["ts", "id.orig_h", "host", "uri"])

    /// A scanner.
    public init() {}

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        var outcome = ScanOutcome.skipped
        guard let (values, time) = layout.record(line, outcome: &outcome) else { return outcome }
        guard let client = values[1], isAddress(line, client) else { return .malformed("id.orig_h") }
        guard let host = values[2] else { return .skipped }
        record.time = time
        record.client = client
        record.name = host
        record.uri = values[3]
        return .record
    }
}
