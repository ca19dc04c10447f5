import VigilMatch

extension VigilConfiguration {
    /// One entry of `sensors:`: telemetry `vigil serve` matches as it arrives, from a followed
    /// log file or a syslog listener on loopback.
    ///
    /// ```yaml
    /// sensors:
    ///   - name: resolver-1
    ///     format: unbound
    ///     file: /var/log/unbound/unbound.log
    ///   - name: edge-resolvers
    ///     format: bind
    ///     syslog: 127.0.0.1:5514
    /// ```
    public struct Sensor: Sendable, Equatable {
        /// Where the lines come from.
        public enum Input: Sendable, Equatable {
            /// `file`: a log followed as it grows, across rotations, resumed after a restart.
            case file(String)
            /// `syslog`: UDP and TCP (RFC 3164 and 5424; TCP newline or octet-counted) on a loopback address.
            case syslog(ListenAddress)
        }

        /// `name`: the observer recorded on every sighting.
        public var name: String
        /// `format`: the telemetry format.
        public var format: TelemetryFormat
        /// `file` or `syslog`.
        public var input: Input
        /// `columns`: the flow-csv column map (standard header names when unset).
        public var columns: FlowCSVScanner.ColumnMap

        /// A sensor.
        public init(name: String, format: TelemetryFormat, input: Input, columns: FlowCSVScanner.ColumnMap = .standard) {
            self.name = name
            self.format = format
            self.input = input
            self.columns = columns
        }

        /// Reads one entry; reports what is missing or wrong with its key.
        static func read(from mapping: ConfigMapping) -> Sensor? {
            let name = mapping.parsed("name") { text throws(ConfigurationError.InvalidValue) in
                guard !text.isEmpty, text.count <= 200 else { throw .init("a name of 1 to 200 characters") }
                return text
            }
            let format = mapping.parsed("format") { text throws(ConfigurationError.InvalidValue) in
                guard let format = TelemetryFormat(rawValue: text) else {
                    throw .init("unknown format \"\(text)\"; expected one of \(TelemetryFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return format
            }
            let file = mapping.optional("file") { $0 }
            let syslog = mapping.optional("syslog") { text throws(ConfigurationError.InvalidValue) in
                let address = try ListenAddress(parsing: text)
                guard ["127.0.0.1", "::1", "localhost"].contains(address.host) else {
                    throw .init("\"\(text)\": the syslog listener takes loopback addresses only (127.0.0.1 or ::1); relay remote senders through the local syslog daemon")
                }
                return address
            }
            let columns = mapping.optional("columns") { text throws(ConfigurationError.InvalidValue) in
                do { return try FlowCSVScanner.ColumnMap(parsing: text) } catch { throw .init("\(error)") }
            }
            for key in ["name", "format"] where mapping.value(key) == nil {
                mapping.diagnostics.report(line: nil, key: ConfigMapping.join(mapping.path, key), "a sensor needs a \(key)")
            }
            let input: Input?
            switch (file, syslog) {
            case (let path?, nil): input = .file(path)
            case (nil, let address?): input = .syslog(address)
            default:
                input = nil
                if mapping.value("file") == nil && mapping.value("syslog") == nil || (file != nil && syslog != nil) {
                    mapping.diagnostics.report(line: nil, key: mapping.path, "a sensor needs exactly one of file or syslog")
                }
            }
            guard let name, let format, let input else { return nil }
            return Sensor(name: name, format: format, input: input, columns: columns ?? .standard)
        }
    }
}
