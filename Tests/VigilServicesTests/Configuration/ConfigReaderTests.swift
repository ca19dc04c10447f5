import Testing
#if canImport(VigilConfigDev)
@testable import VigilConfigDev
#else
@testable import VigilServices
#endif

/// The helper layer as later sections (lists of sources, partners, …) will use it.
@Suite("Configuration reader helpers")
struct ConfigReaderTests {
    struct Source: Equatable {
        var name = ""
        var interval = 3600
        var enabled = true
    }

    /// Decodes `sources:` the way a future section would.
    static func decodeSources(_ yaml: String) throws -> ([Source], [ConfigurationError.Problem]) {
        let diagnostics = ConfigurationDiagnostics(file: "vigil.yaml")
        let node = try #require(ConfigNode.root(yaml: yaml, diagnostics: diagnostics))
        let sources = node.mapping { mapping in
            mapping.value("sources")?.sequence()?.compactMap { item in
                item.mapping { source -> Source in
                    var result = Source()
                    result.name = source.string("name") ?? result.name
                    result.interval = source.int("interval", in: 60...86_400) ?? result.interval
                    result.enabled = source.bool("enabled") ?? result.enabled
                    return result
                }
            } ?? []
        } ?? []
        return (sources, diagnostics.problems)
    }

    @Test func readsListsOfMappings() throws {
        let (sources, problems) = try Self.decodeSources("""
            sources:
              - name: abuse-ch
                interval: 600
              - name: local
                enabled: false
            """)
        #expect(problems.isEmpty)
        #expect(sources == [
            Source(name: "abuse-ch", interval: 600, enabled: true),
            Source(name: "local", interval: 3600, enabled: false),
        ])
    }

    @Test func listProblemsNameTheElement() throws {
        let (_, problems) = try Self.decodeSources("""
            sources:
              - name: ok
              - name: bad
                interval: 5
                enabeld: true
              - just-a-string
            """)
        #expect(problems.map(\.description) == [
            "vigil.yaml:4: sources[1].interval: 5 out of range 60…86400",
            "vigil.yaml:5: sources[1]: unknown key \"enabeld\" (did you mean \"enabled\"?)",
            "vigil.yaml:6: sources[2]: expected a mapping of keys to values, got \"just-a-string\"",
        ])
    }

    @Test func scalarWhereListExpected() throws {
        let (sources, problems) = try Self.decodeSources("sources: all\n")
        #expect(sources.isEmpty)
        #expect(problems.map(\.description) == ["vigil.yaml:1: sources: expected a list, got \"all\""])
    }

    @Test(arguments: [
        ("1_000", 1000), ("0x10", 16), ("+7", 7), ("-3", -3),
    ])
    func integerForms(text: String, expected: Int) throws {
        let diagnostics = ConfigurationDiagnostics(file: "t.yaml")
        let root = try #require(ConfigNode.root(yaml: "n: \(text)\n", diagnostics: diagnostics))
        let value = root.mapping { $0.int("n") }
        #expect(value == expected)
        #expect(diagnostics.problems.isEmpty)
    }

    @Test(arguments: [
        ("42", 42), (" 42 ", 42), ("1_000", 1000),
    ])
    func environmentIntegers(text: String, expected: Int) throws {
        #expect(try ConfigNode.parseInteger(text, in: 1...5000) == expected)
    }

    @Test(arguments: ["4.5", "0x10", "", "ten", "99999999999999999999999"])
    func badEnvironmentIntegers(text: String) {
        #expect(throws: ConfigurationError.InvalidValue.self) {
            try ConfigNode.parseInteger(text, in: 1...5000)
        }
    }
}
