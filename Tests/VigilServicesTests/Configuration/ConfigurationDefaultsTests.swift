import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

@Suite("Configuration defaults and sample")
struct ConfigurationDefaultsTests {
    @Test func defaultsMatchTheSpec() {
        let config = VigilConfiguration.default
        #expect(config.dataDir == "./vigil-data")
        #expect(config.database.url == nil)
        #expect(config.database.poolSize == 8)
        #expect(config.server.listen == .init(host: "127.0.0.1", port: 8080))
        #expect(config.server.host == "127.0.0.1")
        #expect(config.server.port == 8080)
        #expect(config.server.maxBodyBytes == 10_485_760)
        #expect(config.server.requestTimeoutSeconds == 30)
        #expect(config.server.publicURL == nil)
        #expect(config.server.resolvedPublicURL == "http://127.0.0.1:8080")
        #expect(config.auth.bcryptCost == 12)
        #expect(config.auth.sessionTTLMinutes == 480)
        #expect(config.auth.tokenDefaultTTLDays == 90)
        #expect(config.auth.loginMaxFailures == 5)
        #expect(config.auth.loginWindowSeconds == 300)
        #expect(config.auth.cookieSecure == false)
        #expect(config.log.level == .info)
        #expect(config.log.format == .text)
        #expect(config == VigilConfiguration())
    }

    @Test(arguments: [
        ("./vigil-data", nil, "sqlite:./vigil-data/vigil.sqlite"),
        ("/var/lib/vigil/", nil, "sqlite:/var/lib/vigil/vigil.sqlite"),
        ("/", nil, "sqlite:/vigil.sqlite"),
        ("data", "postgres://vigil@db/vigil", "postgres://vigil@db/vigil"),
        ("data", "sqlite:/tmp/x.db", "sqlite:/tmp/x.db"),
    ] as [(String, String?, String)])
    func resolvedDatabaseURL(dataDir: String, url: String?, expected: String) {
        let config = VigilConfiguration(dataDir: dataDir, database: .init(url: url))
        #expect(config.resolvedDatabaseURL == expected)
    }

    @Test func sampleParsesToDefaults() throws {
        let parsed = try VigilConfiguration.parse(yaml: VigilConfiguration.sampleYAML, file: "vigil.yaml")
        #expect(parsed == VigilConfiguration.default)
    }

    @Test func sampleListsEveryKey() {
        let (_, diagnostics) = VigilConfiguration.decode(yaml: VigilConfiguration.sampleYAML, file: "vigil.yaml")
        #expect(diagnostics.problems.isEmpty)
        let missing = diagnostics.knownKeys.subtracting(diagnostics.presentKeys)
        #expect(missing.isEmpty, "sampleYAML lacks \(missing.sorted())")
        #expect(diagnostics.knownKeys.contains("server.listen"))
        #expect(diagnostics.knownKeys.count >= 19)
    }

    @Test func sampleMentionsEveryEnvironmentVariable() {
        for (name, key) in VigilConfiguration.environmentVariables {
            #expect(VigilConfiguration.sampleYAML.contains(name), "\(name)")
            #expect(VigilConfiguration.sampleYAML.contains(key), "\(key)")
        }
    }

    @Test(arguments: ["", "# only a comment\n", "---\n", "~\n"])
    func emptyFileGivesDefaults(yaml: String) throws {
        #expect(try VigilConfiguration.parse(yaml: yaml, file: "vigil.yaml") == .default)
    }

    @Test func emptySectionsGiveDefaults() throws {
        let yaml = "database:\nserver:\nauth: {}\nlog:\n"
        #expect(try VigilConfiguration.parse(yaml: yaml, file: "vigil.yaml") == .default)
    }

    @Test func loadWithoutFileOrEnvironmentGivesDefaults() throws {
        #expect(try VigilConfiguration.load(file: nil, environment: [:]) == .default)
    }
}
