/// One scanner of any format, as a value: the matcher switches on it once per block, so the
/// line loop runs specialised for the concrete scanner.
public enum AnyTelemetryScanner: Sendable {
    case unbound(UnboundLogScanner)
    case bind(BindQueryLogScanner)
    case zeekDNS(ZeekDNSScanner)
    case zeekConn(ZeekConnScanner)
    case flowCSV(FlowCSVScanner)
    case squid(SquidAccessLogScanner)
    case zeekHTTP(ZeekHTTPScanner)

    /// The scanner for `format`; `year` completes times logged without one, `flowColumns`
    /// maps flow-csv columns.
    public init(format: TelemetryFormat, year: Int, flowColumns: FlowCSVScanner.ColumnMap = .standard) {
        switch format {
        case .unbound: self = .unbound(UnboundLogScanner(year: year))
        case .bind: self = .bind(BindQueryLogScanner(year: year))
        case .zeekDNS: self = .zeekDNS(ZeekDNSScanner())
        case .zeekConn: self = .zeekConn(ZeekConnScanner())
        case .flowCSV: self = .flowCSV(FlowCSVScanner(map: flowColumns))
        case .squid: self = .squid(SquidAccessLogScanner())
        case .zeekHTTP: self = .zeekHTTP(ZeekHTTPScanner())
        }
    }
}
