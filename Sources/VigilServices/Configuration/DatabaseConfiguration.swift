extension VigilConfiguration {
    /// The `database:` section: where Vigil stores everything.
    public struct Database: Sendable, Equatable {
        /// Allowed values of ``poolSize``.
        public static let poolSizeRange = 1...256

        /// `database.url`: `sqlite:PATH`, `postgres://…` or `postgresql://…`; `nil` means
        /// `sqlite:<data_dir>/vigil.sqlite` (see ``VigilConfiguration/resolvedDatabaseURL``).
        /// May hold a password: never log it.
        public var url: String?
        /// `database.pool_size`: connections kept open, 1…256.
        public var poolSize: Int

        /// Creates the section; the defaults are Vigil's defaults.
        public init(url: String? = nil, poolSize: Int = 8) {
            self.url = url
            self.poolSize = poolSize
        }

        /// Checks that `url` names a supported database and returns it unchanged.
        ///
        /// Accepts `sqlite:PATH` (also `sqlite://PATH`) and `postgres://…` /
        /// `postgresql://…`. Error messages never repeat the URL, which may hold a password.
        public static func validateURL(_ url: String) throws(ConfigurationError.InvalidValue) -> String {
            let expected = "expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE"
            if url.hasPrefix("sqlite:") {
                let path = url.dropFirst("sqlite:".count)
                guard !path.isEmpty, path != "//" else {
                    throw .init("sqlite URL has no file path (\(expected))")
                }
                return url
            }
            for scheme in ["postgres://", "postgresql://"] where url.hasPrefix(scheme) {
                let rest = url.dropFirst(scheme.count)
                guard !rest.isEmpty, !rest.hasPrefix("/") || rest.count > 1 else {
                    throw .init("PostgreSQL URL has no host or database (\(expected))")
                }
                guard !rest.contains(where: \.isWhitespace) else {
                    throw .init("PostgreSQL URL contains whitespace")
                }
                return url
            }
            if let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
               colon != url.startIndex {
                throw .init("unsupported database URL scheme \"\(url[..<colon])\" (\(expected))")
            }
            throw .init("not a database URL (\(expected))")
        }

        /// Reads the section from `mapping`, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            url = mapping.optional("url", Self.validateURL)
            poolSize = mapping.int("pool_size", in: Self.poolSizeRange) ?? poolSize
        }
    }
}
