import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

@Suite("Configuration file parsing")
struct ConfigurationParsingTests {
    @Test func everyKeyIsRead() throws {
        let yaml = """
            data_dir: /srv/vigil
            database:
              url: postgres://vigil:secret@db.example:5432/vigil
              pool_size: 32
            server:
              listen: 0.0.0.0:9090
              max_body_bytes: 1_048_576
              request_timeout_seconds: 120
              public_url: https://vigil.cert.example/
            auth:
              bcrypt_cost: 10
              session_ttl_minutes: 60
              token_default_ttl_days: 30
              login_max_failures: 3
              login_window_seconds: 600
              cookie_secure: true
            log:
              level: debug
              format: json
            """
        let config = try VigilConfiguration.parse(yaml: yaml, file: "vigil.yaml")
        let expected = VigilConfiguration(
            dataDir: "/srv/vigil",
            database: .init(url: "postgres://vigil:secret@db.example:5432/vigil", poolSize: 32),
            server: .init(
                listen: .init(host: "0.0.0.0", port: 9090),
                maxBodyBytes: 1_048_576,
                requestTimeoutSeconds: 120,
                publicURL: "https://vigil.cert.example"
            ),
            auth: .init(
                bcryptCost: 10,
                sessionTTLMinutes: 60,
                tokenDefaultTTLDays: 30,
                loginMaxFailures: 3,
                loginWindowSeconds: 600,
                cookieSecure: true
            ),
            log: .init(level: .debug, format: .json)
        )
        #expect(config == expected)
        #expect(config.resolvedDatabaseURL == "postgres://vigil:secret@db.example:5432/vigil")
        #expect(config.server.resolvedPublicURL == "https://vigil.cert.example")
    }

    @Test func partialFileKeepsOtherDefaults() throws {
        let config = try VigilConfiguration.parse(yaml: "server:\n  listen: \"[::1]:8443\"\n", file: "vigil.yaml")
        var expected = VigilConfiguration.default
        expected.server.listen = .init(host: "::1", port: 8443)
        #expect(config == expected)
        #expect(config.server.host == "::1")
        #expect(config.server.port == 8443)
    }

    @Test(arguments: LogLevelCase.all)
    func everyLogLevel(_ level: LogLevelCase) throws {
        let config = try VigilConfiguration.parse(yaml: "log:\n  level: \(level.text)\n", file: "vigil.yaml")
        #expect(config.log.level == level.expected)
    }

    @Test(arguments: [("text", VigilConfiguration.LogFormat.text), ("json", .json), ("JSON", .json)])
    func logFormats(text: String, expected: VigilConfiguration.LogFormat) throws {
        let config = try VigilConfiguration.parse(yaml: "log:\n  format: \(text)\n", file: "vigil.yaml")
        #expect(config.log.format == expected)
    }

    @Test(arguments: [("true", true), ("false", false), ("yes", true), ("off", false)])
    func booleans(text: String, expected: Bool) throws {
        let config = try VigilConfiguration.parse(yaml: "auth:\n  cookie_secure: \(text)\n", file: "vigil.yaml")
        #expect(config.auth.cookieSecure == expected)
    }

    @Test(arguments: [
        "sqlite:/var/lib/vigil/vigil.sqlite",
        "sqlite:relative.db",
        "sqlite:///abs/path.db",
        "postgres://vigil@localhost/vigil",
        "postgresql://vigil:pw@10.0.0.5:5432/vigil?sslmode=require",
    ])
    func acceptedDatabaseURLs(url: String) throws {
        let config = try VigilConfiguration.parse(yaml: "database:\n  url: \"\(url)\"\n", file: "vigil.yaml")
        #expect(config.database.url == url)
        #expect(config.resolvedDatabaseURL == url)
    }

    @Test(arguments: ["url:", "url: ~", "url: null"])
    func nullDatabaseURLMeansDefault(line: String) throws {
        let config = try VigilConfiguration.parse(yaml: "database:\n  \(line)\n", file: "vigil.yaml")
        #expect(config.database.url == nil)
        #expect(config.resolvedDatabaseURL == "sqlite:./vigil-data/vigil.sqlite")
    }

    @Test func dataDirChangesDefaultDatabase() throws {
        let config = try VigilConfiguration.parse(yaml: "data_dir: /data/\n", file: "vigil.yaml")
        #expect(config.resolvedDatabaseURL == "sqlite:/data/vigil.sqlite")
    }

    @Test func anchorsAndAliasesWork() throws {
        let yaml = """
            auth:
              login_window_seconds: &window 900
              session_ttl_minutes: *window
            """
        let config = try VigilConfiguration.parse(yaml: yaml, file: "vigil.yaml")
        #expect(config.auth.loginWindowSeconds == 900)
        #expect(config.auth.sessionTTLMinutes == 900)
    }
}

/// A log level as written in YAML and the case it must give.
struct LogLevelCase: Sendable, CustomTestStringConvertible {
    let text: String
    let expected: VigilConfiguration.LogLevel
    var testDescription: String { text }

    static let all: [LogLevelCase] = VigilConfiguration.LogLevel.allCases.map { .init(text: $0.rawValue, expected: $0) }
        + [.init(text: "WARNING", expected: .warning), .init(text: "Info", expected: .info)]
}
