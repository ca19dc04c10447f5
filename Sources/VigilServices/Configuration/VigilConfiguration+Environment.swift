extension VigilConfiguration {
    /// The environment variables that override the file (SPEC fixed names), each with the
    /// key it overrides. A variable that is unset or empty leaves the file's value.
    public static let environmentVariables: [(name: String, key: String)] = [
        ("VIGIL_DATA", "data_dir"),
        ("VIGIL_DATABASE_URL", "database.url"),
        ("VIGIL_LISTEN", "server.listen"),
        ("VIGIL_LOG_LEVEL", "log.level"),
        ("VIGIL_LOG_FORMAT", "log.format"),
        ("VIGIL_BCRYPT_COST", "auth.bcrypt_cost"),
    ]

    /// Applies the overrides in `environment`; returns the problems, each naming the variable.
    mutating func applyEnvironment(_ environment: [String: String]) -> ConfigurationDiagnostics {
        let diagnostics = ConfigurationDiagnostics(file: nil)

        func read<T>(_ name: String, _ parse: (String) throws(ConfigurationError.InvalidValue) -> T) -> T? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            do {
                return try parse(text)
            } catch {
                diagnostics.report(line: nil, key: name, error.message)
                return nil
            }
        }

        dataDir = read("VIGIL_DATA", Self.validateDataDir) ?? dataDir
        if let url = read("VIGIL_DATABASE_URL", Database.validateURL) {
            database.url = url
        }
        server.listen = read("VIGIL_LISTEN") { text throws(ConfigurationError.InvalidValue) in
            try ListenAddress(parsing: text)
        } ?? server.listen
        log.level = read("VIGIL_LOG_LEVEL") { text throws(ConfigurationError.InvalidValue) in
            try ConfigNode.parseCase(text, as: LogLevel.self)
        } ?? log.level
        log.format = read("VIGIL_LOG_FORMAT") { text throws(ConfigurationError.InvalidValue) in
            try ConfigNode.parseCase(text, as: LogFormat.self)
        } ?? log.format
        auth.bcryptCost = read("VIGIL_BCRYPT_COST") { text throws(ConfigurationError.InvalidValue) in
            try ConfigNode.parseInteger(text, in: Auth.bcryptCostRange)
        } ?? auth.bcryptCost
        return diagnostics
    }
}
