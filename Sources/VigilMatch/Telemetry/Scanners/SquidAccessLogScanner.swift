/// Squid's native `access.log`:
/// `1764115200.123    120 192.0.2.10 TCP_MISS/200 5120 GET http://www.example.com/a - HIER_DIRECT/203.0.113.5 text/html`.
/// The URL is matched as a URL, its host against domains (or addresses), and the server's
/// address from the hierarchy field against addresses; `CONNECT host:443` gives the host alone.
public struct SquidAccessLogScanner: TelemetryScanner {
    /// A scanner.
    public init() {}

    public mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout TelemetryRecord) -> ScanOutcome {
        if line.isEmpty || line[0] == 0x23 { return .skipped }
        var i = 0
        guard let timeToken = nextToken(line, from: &i) else { return .skipped }
        guard let time = epochMilliseconds(line, timeToken) else { return .malformed("time") }
        guard nextToken(line, from: &i) != nil, let client = nextToken(line, from: &i) else {
            return .malformed("client missing (truncated line?)")
        }
        guard isAddress(line, client) else { return .malformed("client address") }
        guard nextToken(line, from: &i) != nil, nextToken(line, from: &i) != nil, nextToken(line, from: &i) != nil,
              let url = nextToken(line, from: &i)
        else { return .malformed("URL missing (truncated line?)") }
        guard let host = urlHost(line, url) else { return .malformed("URL without a host") }
        record.time = time
        record.client = client
        record.name = host
        if indexAfter("://", in: UnsafeBufferPointer(rebasing: line[url])) != nil { record.url = url }
        if nextToken(line, from: &i) != nil, let hierarchy = nextToken(line, from: &i) {
            var slash = hierarchy.lowerBound
            while slash < hierarchy.upperBound, line[slash] != 0x2F { slash += 1 }
            let peer = (slash + 1)..<hierarchy.upperBound
            if slash < hierarchy.upperBound, let address = IPAddress(line, peer) {
                record.destination = peer
                record.destinationAddress = address
            }
        }
        return .record
    }
}
