/// The telemetry formats `vigil match --format` reads (names fixed in SPEC.md).
public enum TelemetryFormat: String, Sendable, CaseIterable, Codable {
    /// Unbound with `log-queries: yes`: `... info: CLIENT NAME. TYPE CLASS`.
    case unbound
    /// BIND's query log: `... client @0x… CLIENT#PORT (NAME): query: NAME IN TYPE …`.
    case bind
    /// Zeek `dns.log`, TSV with its `#fields` header or JSON lines.
    case zeekDNS = "zeek-dns"
    /// Zeek `conn.log`, TSV or JSON.
    case zeekConn = "zeek-conn"
    /// Flow records as CSV, columns found by a header line or a column map.
    case flowCSV = "flow-csv"
    /// Squid's native `access.log`.
    case squid
    /// Zeek `http.log`, TSV or JSON.
    case zeekHTTP = "zeek-http"
}
