import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

/// One bad file and the single problem it must produce.
struct BadConfigurationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let line: Int
    let key: String?
    let message: String
    var testDescription: String { name }
}

@Suite("Configuration problems")
struct ConfigurationProblemTests {
    static let singleProblems: [BadConfigurationCase] = [
        .init(name: "wrong type string for int", yaml: "database:\n  pool_size: \"eight\"\n",
              line: 2, key: "database.pool_size", message: "expected an integer, got \"eight\""),
        .init(name: "quoted number is a string", yaml: "database:\n  pool_size: \"8\"\n",
              line: 2, key: "database.pool_size", message: "expected an integer, got \"8\""),
        .init(name: "float for int", yaml: "server:\n  request_timeout_seconds: 2.5\n",
              line: 2, key: "server.request_timeout_seconds", message: "expected an integer, got 2.5"),
        .init(name: "list for int", yaml: "auth:\n  bcrypt_cost: [12]\n",
              line: 2, key: "auth.bcrypt_cost", message: "expected an integer, got a list"),
        .init(name: "null for int", yaml: "auth:\n  bcrypt_cost:\n",
              line: 2, key: "auth.bcrypt_cost", message: "expected an integer, got null"),
        .init(name: "string for bool", yaml: "auth:\n  cookie_secure: maybe\n",
              line: 2, key: "auth.cookie_secure", message: "expected true or false, got \"maybe\""),
        .init(name: "mapping for string", yaml: "data_dir:\n  path: x\n",
              line: 1, key: "data_dir", message: "expected a string, got a mapping"),
        .init(name: "null data dir", yaml: "data_dir:\n",
              line: 1, key: "data_dir", message: "expected a string, got null"),
        .init(name: "empty data dir", yaml: "data_dir: \"\"\n",
              line: 1, key: "data_dir", message: "data directory must not be empty"),
        .init(name: "scalar for section", yaml: "server: 8080\n",
              line: 1, key: "server", message: "expected a mapping of keys to values, got 8080"),
        .init(name: "list at top level", yaml: "- a\n- b\n",
              line: 1, key: nil, message: "expected a mapping of keys to values, got a list"),
        .init(name: "pool size too big", yaml: "database:\n  pool_size: 300\n",
              line: 2, key: "database.pool_size", message: "300 out of range 1…256"),
        .init(name: "pool size zero", yaml: "database:\n  pool_size: 0\n",
              line: 2, key: "database.pool_size", message: "0 out of range 1…256"),
        .init(name: "bcrypt cost too low", yaml: "auth:\n  bcrypt_cost: 3\n",
              line: 2, key: "auth.bcrypt_cost", message: "3 out of range 4…31"),
        .init(name: "bcrypt cost too high", yaml: "auth:\n  bcrypt_cost: 32\n",
              line: 2, key: "auth.bcrypt_cost", message: "32 out of range 4…31"),
        .init(name: "negative timeout", yaml: "server:\n  request_timeout_seconds: -1\n",
              line: 2, key: "server.request_timeout_seconds", message: "-1 out of range 1…3600"),
        .init(name: "huge integer", yaml: "server:\n  max_body_bytes: 99999999999999999999999\n",
              line: 2, key: "server.max_body_bytes", message: "integer 99999999999999999999999 is too large"),
        .init(name: "listen port out of range", yaml: "# comment\n\nserver:\n  listen: 127.0.0.1:99999\n",
              line: 4, key: "server.listen", message: "port 99999 out of range 1…65535"),
        .init(name: "bad log level", yaml: "log:\n  level: verbose\n",
              line: 2, key: "log.level",
              message: "\"verbose\" is not one of trace, debug, info, notice, warning, error, critical"),
        .init(name: "bad log format", yaml: "log:\n  format: xml\n",
              line: 2, key: "log.format", message: "\"xml\" is not one of json, text"),
        .init(name: "bad public url", yaml: "server:\n  public_url: vigil.example\n",
              line: 2, key: "server.public_url", message: "\"vigil.example\" must start with http:// or https://"),
        .init(name: "unknown top-level key with suggestion", yaml: "data_dir: x\n\ndatbase:\n  pool_size: 2\n",
              line: 3, key: nil, message: "unknown key \"datbase\" (did you mean \"database\"?)"),
        .init(name: "unknown nested key with suggestion", yaml: "database:\n  pool-size: 2\n",
              line: 2, key: "database", message: "unknown key \"pool-size\" (did you mean \"pool_size\"?)"),
        .init(name: "unknown key in other case", yaml: "Log:\n  level: info\n",
              line: 1, key: nil, message: "unknown key \"Log\" (did you mean \"log\"?)"),
        .init(name: "audit.enabled is not a setting", yaml: "audit:\n  enabled: false\n",
              line: 1, key: nil,
              message: "unknown key \"audit\" (expected one of \"data_dir\", \"database\", \"server\", \"auth\", \"log\", \"warning_lists\", \"sources\", \"blocklists\", \"zone_transfer\", \"matching\", \"sensors\", \"notices\", \"sharing\")"),
        .init(name: "unknown key lists choices", yaml: "log:\n  colour: true\n",
              line: 2, key: "log", message: "unknown key \"colour\" (expected one of \"level\", \"format\")"),
    ]

    @Test(arguments: singleProblems)
    func reportsProblem(_ testCase: BadConfigurationCase) throws {
        let problems = configurationProblems(testCase.yaml)
        try #require(problems.count == 1, "\(problems)")
        let problem = problems[0]
        #expect(problem.file == "vigil.yaml")
        #expect(problem.line == testCase.line)
        #expect(problem.key == testCase.key)
        #expect(problem.message == testCase.message)
    }

    @Test func descriptionNamesFileLineAndKey() {
        let problems = configurationProblems("server:\n  listen: 127.0.0.1:99999\n", file: "/etc/vigil/vigil.yaml")
        #expect(problems.map(\.description) == [
            "/etc/vigil/vigil.yaml:2: server.listen: port 99999 out of range 1…65535",
        ])
        let unknown = configurationProblems("datbase: {}\n")
        #expect(unknown.map(\.description) == ["vigil.yaml:1: unknown key \"datbase\" (did you mean \"database\"?)"])
    }

    @Test func reportsEveryProblemInOnePass() throws {
        let yaml = """
            data_dir: ./data
            datbase:
              url: mysql://root@db/vigil
            database:
              pool_size: "eight"
              url: mysql://root:hunter2@db/vigil
            server:
              listen: ":80"
              max_body_bytes: 10
            auth:
              bcrypt_cost: 99
              cookie_secure: sometimes
            log:
              level: loud
            """
        do {
            _ = try VigilConfiguration.parse(yaml: yaml, file: "vigil.yaml")
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            let found = error.problems.map { "\($0.line ?? 0) \($0.key ?? "-")" }
            #expect(found == [
                "2 -",
                "5 database.pool_size",
                "6 database.url",
                "8 server.listen",
                "9 server.max_body_bytes",
                "11 auth.bcrypt_cost",
                "12 auth.cookie_secure",
                "14 log.level",
            ])
            #expect(error.description.split(separator: "\n").count == 8)
            #expect(!error.description.contains("hunter2"), "database passwords must not be echoed")
        }
    }

    @Test(arguments: [
        ("server:\n  listen: [1\n", 3),
        ("server:\n\tlisten: x\n", 2),
        ("data_dir: a: b\n", 1),
        ("a: 1\n---\nb: 2\n", 2),
        ("log:\n  level: *missing\n", 2),
        ("server:\n  listen: \"127.0.0.1:8080\n", 3),
    ])
    func yamlSyntaxErrorHasLine(yaml: String, line: Int) throws {
        let problems = configurationProblems(yaml)
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].line == line)
        #expect(problems[0].column != nil)
        #expect(problems[0].key == nil)
        #expect(problems[0].message.hasPrefix("invalid YAML: "))
        #expect(problems[0].description.hasPrefix("vigil.yaml:\(line):\(problems[0].column!): invalid YAML: "))
    }

    @Test func tabIndentationGetsAHint() throws {
        let problems = configurationProblems("server:\n\tlisten: x\n")
        try #require(problems.count == 1)
        #expect(problems[0].message.hasSuffix("; use spaces, not tabs, to indent"))
    }

    @Test func duplicateKeyPointsAtTheRepeat() throws {
        let yaml = "server:\n  listen: 127.0.0.1:1\n  port: 2\n  listen: 127.0.0.1:2\n"
        let problems = configurationProblems(yaml)
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].line == 4)
        #expect(problems[0].message == "duplicate key \"listen\" (first defined on line 2)")
    }

    @Test func errorDescriptionIsOneProblemPerLine() {
        let error = ConfigurationError(problems: [
            .init(file: "a.yaml", line: 3, key: "server.listen", message: "bad"),
            .init(file: "a.yaml", line: 4, column: 7, message: "invalid YAML: x"),
            .init(file: nil, key: "VIGIL_LISTEN", message: "worse"),
            .init(file: "missing.yaml", message: "configuration file not found"),
        ])
        #expect(error.description == """
            a.yaml:3: server.listen: bad
            a.yaml:4:7: invalid YAML: x
            environment: VIGIL_LISTEN: worse
            missing.yaml: configuration file not found
            """)
        #expect(error.errorDescription == error.description)
    }

    @Test(arguments: [
        ("datbase", "database"), ("databse", "database"), ("sever", "server"), ("pool_sise", "pool_size"),
        ("LISTEN", "listen"), ("bcrypt-cost", "bcrypt_cost"),
    ])
    func suggestsCloseKeys(typo: String, expected: String) {
        let keys = ["data_dir", "database", "server", "auth", "log", "pool_size", "listen", "bcrypt_cost"]
        #expect(ConfigMapping.closestKey(to: typo, among: keys) == expected)
    }

    @Test(arguments: ["sources", "x", "completely_different"])
    func noSuggestionForFarKeys(key: String) {
        #expect(ConfigMapping.closestKey(to: key, among: ["data_dir", "database", "server", "auth", "log"]) == nil)
    }

    @Test(arguments: [("", "abc", 3), ("kitten", "sitting", 3), ("same", "same", 0), ("flaw", "lawn", 2)])
    func editDistances(lhs: String, rhs: String, expected: Int) {
        #expect(ConfigMapping.editDistance(lhs, rhs) == expected)
    }
}
