/// Zeek's `dns.log` (TSV or JSON): the querier (`id.orig_h`) and the query name (`query`).
/// Records without a query (Zeek logs some replies alone) are skipped.
public struct ZeekDNSScanner: TelemetryScanner {
    private var layout = ZeekLogLayout(wanted: ["ts", "id.orig_h", "query"])

    /// A scanner.
    public init() {}

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        switch layout.read(line) {
        case .header: return .skipped
        case .malformed(let reason): return .malformed(reason)
        case .values: break
        }
        let values = layout.values
        guard let ts = values[0], let time = ZeekLogLayout.time(line, ts) else { return .malformed("ts") }
        guard let client = values[1], isAddress(line, client) else { return .malformed("id.orig_h") }
        guard let query = values[2] else { return .skipped }
        record.time = time
        record.client = client
        record.name = query
        return .record
    }
}
