import Testing
import VigilCore
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Sources in the configuration file")
struct ConfiguredSourcesTests {
    static let yaml = """
        sources:
          - name: export
            format: csv
            location: /var/lib/vigil/export.csv
            options:
              value_column: indicator
              type_column: kind
            reliability: 85
            default_tlp: green
            threat_type: c2
            tags: [partner, daily]
            schedule_seconds: 3600
        """

    @Test func parsesEveryKeyAndReportsUnknownOnes() throws {
        let configuration = try VigilConfiguration.parse(yaml: Self.yaml, file: "vigil.yaml")
        let source = try #require(configuration.sources.first)
        #expect(source.definition.name == "export")
        #expect(source.definition.options == ["value_column": "indicator", "type_column": "kind"])
        #expect(source.definition.reliability == 85)
        #expect(source.definition.defaultTLP == .green)
        #expect(source.definition.threatType == .c2)
        #expect(source.definition.tags == ["partner", "daily"])
        #expect(source.definition.scheduleSeconds == 3600)
        let bad = "sources:\n  - name: x\n    format: plain\n    reliabilty: 5\n  - format: plain\n"
        #expect {
            try VigilConfiguration.parse(yaml: bad, file: "vigil.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.contains("vigil.yaml:4") && text.contains("reliabilty") && text.contains("a source needs a name")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func openingTheStoreCreatesAndUpdatesThem(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            var configured = try VigilConfiguration.parse(yaml: Self.yaml, file: "vigil.yaml").sources
            #expect(try await services.sources.sync(configured).isEmpty)
            let created = try await services.sources.find(name: "export", for: analyst)
            #expect(created.reliability == 85)
            #expect(created.organisationID == "org-cert")
            configured[0].definition.reliability = 40
            try await services.sources.sync(configured)
            let updated = try await services.sources.find(name: "export", for: analyst)
            #expect(updated.reliability == 40)
            #expect(updated.id == created.id)
            configured[0].definition.format = "no-such-format"
            await #expect(throws: ServiceError.self) { try await services.sources.sync(configured) }
            #expect(try await services.auditVerifier.verify().isIntact)
        }
    }
}
