/// Zeek's `conn.log` (TSV or JSON): both ends of a connection (`id.orig_h`, `id.resp_h`),
/// each matched against the address indicators.
public struct ZeekConnScanner: TelemetryScanner {
    private var layout = ZeekLogLayout(wanted: ["ts", "id.orig_h", "id.resp_h"])

    /// A scanner.
    public init() {}

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        var outcome = ScanOutcome.skipped
        guard let (values, time) = layout.record(line, outcome: &outcome) else { return outcome }
        guard let source = values[1], let sourceAddress = IPAddress(line, source) else { return .malformed("id.orig_h") }
        guard let destination = values[2], let destinationAddress = IPAddress(line, destination) else {
            return .malformed("id.resp_h")
        }
        record.time = time
        record.source = source
        record.destination = destination
        record.sourceAddress = sourceAddress
        record.destinationAddress = destinationAddress
        return .record
    }
}
