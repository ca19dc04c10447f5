extension VigilConfiguration {
    /// The `log:` section: structured logging.
    public struct Log: Sendable, Equatable {
        /// `log.level`: the least severe level written (`info`).
        public var level: LogLevel
        /// `log.format`: `text` for people, `json` for log collectors (`text`).
        public var format: LogFormat

        /// Creates the section; the defaults are Vigil's defaults.
        public init(level: LogLevel = .info, format: LogFormat = .text) {
            self.level = level
            self.format = format
        }

        /// Reads the section from `mapping`, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            level = mapping.oneOf("level", LogLevel.self) ?? level
            format = mapping.oneOf("format", LogFormat.self) ?? format
        }
    }

    /// A log level. The raw values are those of swift-log's `Logger.Level`, so
    /// `Logger.Level(rawValue: level.rawValue)` converts.
    public enum LogLevel: String, Sendable, Equatable, CaseIterable {
        /// Everything, including per-record tracing.
        case trace
        /// Diagnostics for developers.
        case debug
        /// Normal operation.
        case info
        /// Normal but significant events.
        case notice
        /// Something may be wrong.
        case warning
        /// Something failed.
        case error
        /// Vigil cannot go on.
        case critical
    }

    /// How log records are written.
    public enum LogFormat: String, Sendable, Equatable, CaseIterable {
        /// One JSON object per line.
        case json
        /// Human-readable lines.
        case text
    }
}
