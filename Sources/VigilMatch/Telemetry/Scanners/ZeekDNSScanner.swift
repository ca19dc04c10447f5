/// Zeek's `dns.log` (TSV or JSON): the querier (`id.orig_h`) and the query name (`query`).
/// Records without a query (Zeek logs some replies alone) are skipped.
public struct ZeekDNSScanner: TelemetryScanner {
    private var layout = ZeekLogLayout(wanted: ["ts", "id.orig_h", "query"])

    /// A scanner.
    public init() {}

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        var outcome = ScanOutcome.skipped
        guard let (values, time) = layout.record(line, outcome: &outcome) else { return outcome }
        guard let client = values[1], isAddress(line, client) else { return .malformed("id.orig_h") }
        guard let query = values[2] else { return .skipped }
        record.time = time
        record.client = client
        record.name = query
        return .record
    }
}
