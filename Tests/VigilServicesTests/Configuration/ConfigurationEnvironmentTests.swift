import Foundation
import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

@Suite("Configuration environment and files")
struct ConfigurationEnvironmentTests {
    @Test func everyVariableOverridesTheDefaults() throws {
        let config = try VigilConfiguration.load(file: nil, environment: [
            "VIGIL_DATA": "/var/lib/vigil",
            "VIGIL_DATABASE_URL": "postgres://vigil@db/vigil",
            "VIGIL_LISTEN": "[::]:9000",
            "VIGIL_LOG_LEVEL": "debug",
            "VIGIL_LOG_FORMAT": "json",
            "VIGIL_BCRYPT_COST": "10",
            "UNRELATED": "ignored",
        ])
        #expect(config.dataDir == "/var/lib/vigil")
        #expect(config.database.url == "postgres://vigil@db/vigil")
        #expect(config.server.listen == .init(host: "::", port: 9000))
        #expect(config.log.level == .debug)
        #expect(config.log.format == .json)
        #expect(config.auth.bcryptCost == 10)
    }

    @Test func environmentOverridesTheFile() throws {
        try withConfigFile("data_dir: /from/file\nserver:\n  listen: 127.0.0.1:1\nauth:\n  bcrypt_cost: 5\n") { path in
            let config = try VigilConfiguration.load(file: path, environment: [
                "VIGIL_LISTEN": "0.0.0.0:8443",
                "VIGIL_DATA": "/from/env",
            ])
            #expect(config.server.listen == .init(host: "0.0.0.0", port: 8443))
            #expect(config.dataDir == "/from/env")
            #expect(config.auth.bcryptCost == 5)
            #expect(config.resolvedDatabaseURL == "sqlite:/from/env/vigil.sqlite")
        }
    }

    @Test func emptyVariablesAreIgnored() throws {
        let config = try VigilConfiguration.load(file: nil, environment: [
            "VIGIL_DATA": "", "VIGIL_DATABASE_URL": "", "VIGIL_LISTEN": "", "VIGIL_BCRYPT_COST": "",
        ])
        #expect(config == .default)
    }

    @Test(arguments: [
        ("VIGIL_LISTEN", "127.0.0.1", "missing port"),
        ("VIGIL_LISTEN", "host:0", "port 0 out of range 1…65535"),
        ("VIGIL_DATABASE_URL", "mysql://root:hunter2@db/x", "unsupported database URL scheme \"mysql\""),
        ("VIGIL_DATABASE_URL", "sqlite:", "sqlite URL has no file path"),
        ("VIGIL_LOG_LEVEL", "loud", "\"loud\" is not one of"),
        ("VIGIL_LOG_FORMAT", "xml", "\"xml\" is not one of json, text"),
        ("VIGIL_BCRYPT_COST", "high", "expected an integer, got \"high\""),
        ("VIGIL_BCRYPT_COST", "40", "40 out of range 4…31"),
        ("VIGIL_DATA", "   ", "data directory must not be empty"),
    ])
    func badVariableIsNamed(name: String, value: String, fragment: String) throws {
        let problems = loadProblems(file: nil, environment: [name: value])
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].file == nil)
        #expect(problems[0].key == name)
        #expect(problems[0].line == nil)
        #expect(problems[0].message.contains(fragment), "\(problems[0].message)")
        #expect(problems[0].description.hasPrefix("environment: \(name): "))
        #expect(!problems[0].description.contains("hunter2"))
    }

    @Test func fileAndEnvironmentProblemsAreReportedTogether() throws {
        try withConfigFile("server:\n  listen: x:0\nlog:\n  levl: info\n") { path in
            let problems = loadProblems(file: path, environment: ["VIGIL_BCRYPT_COST": "2"])
            #expect(problems.map(\.description) == [
                "\(path):2: server.listen: port 0 out of range 1…65535",
                "\(path):4: log: unknown key \"levl\" (did you mean \"level\"?)",
                "environment: VIGIL_BCRYPT_COST: 2 out of range 4…31",
            ])
        }
    }

    @Test func loadsTheSampleFromDisk() throws {
        try withConfigFile(VigilConfiguration.sampleYAML) { path throws in
            #expect(try VigilConfiguration.load(file: path, environment: [:]) == .default)
        }
    }

    @Test func missingFileIsAnError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/vigil.yaml"
        let problems = loadProblems(file: path, environment: [:])
        #expect(problems.map(\.description) == ["\(path): configuration file not found"])
    }

    @Test func directoryIsAnError() throws {
        let problems = loadProblems(file: NSTemporaryDirectory(), environment: [:])
        try #require(problems.count == 1)
        #expect(problems[0].message.contains("is a directory"))
    }

    @Test func invalidUTF8IsAnError() throws {
        let path = NSTemporaryDirectory() + "vigil-config-\(UUID().uuidString).yaml"
        try Data([0x64, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let problems = loadProblems(file: path, environment: [:])
        try #require(problems.count == 1)
        #expect(problems[0].message == "configuration file is not valid UTF-8")
    }

    @Test func environmentVariableTableIsTheSpecList() {
        #expect(VigilConfiguration.environmentVariables.map(\.name) == [
            "VIGIL_DATA", "VIGIL_DATABASE_URL", "VIGIL_LISTEN",
            "VIGIL_LOG_LEVEL", "VIGIL_LOG_FORMAT", "VIGIL_BCRYPT_COST",
        ])
    }

    /// Writes `text` to a temporary file, runs `body` with its path, then removes it.
    private func withConfigFile(_ text: String, _ body: (String) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "vigil-config-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }
}
