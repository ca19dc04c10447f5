import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

@Suite("Database and public URLs")
struct DatabaseURLTests {
    @Test(arguments: [
        ("mysql://root@db/vigil", "unsupported database URL scheme \"mysql\""),
        ("postgre://db/vigil", "unsupported database URL scheme \"postgre\""),
        ("sqlite:", "sqlite URL has no file path"),
        ("sqlite://", "sqlite URL has no file path"),
        ("postgres://", "PostgreSQL URL has no host or database"),
        ("postgresql:///", "PostgreSQL URL has no host or database"),
        ("postgres://db/vigil extra", "PostgreSQL URL contains whitespace"),
        ("/var/lib/vigil.sqlite", "not a database URL"),
        ("vigil.sqlite", "not a database URL"),
    ])
    func rejectsBadDatabaseURLs(url: String, fragment: String) throws {
        let problems = configurationProblems("database:\n  pool_size: 4\n  url: \"\(url)\"\n")
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].line == 3)
        #expect(problems[0].key == "database.url")
        #expect(problems[0].message.contains(fragment), "\(problems[0].message)")
    }

    @Test func databaseErrorsDoNotEchoPasswords() {
        let problems = configurationProblems("database:\n  url: mysql://root:s3cret@db/vigil\n")
        #expect(problems.count == 1)
        #expect(!problems.map(\.description).joined().contains("s3cret"))
    }

    @Test(arguments: [
        ("https://vigil.cert.example", "https://vigil.cert.example"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("https://cert.example/vigil//", "https://cert.example/vigil"),
    ])
    func acceptsPublicURLs(url: String, stored: String) throws {
        let config = try VigilConfiguration.parse(yaml: "server:\n  public_url: \(url)\n", file: "vigil.yaml")
        #expect(config.server.publicURL == stored)
        #expect(config.server.resolvedPublicURL == stored)
    }

    @Test(arguments: [
        ("ftp://x", "must start with http:// or https://"),
        ("https://", "has no host"),
        ("https:///path", "has no host"),
        ("https://x/?a=b", "plain base URL"),
    ])
    func rejectsBadPublicURLs(url: String, fragment: String) throws {
        let problems = configurationProblems("server:\n  public_url: \"\(url)\"\n")
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].key == "server.public_url")
        #expect(problems[0].message.contains(fragment), "\(problems[0].message)")
    }
}
