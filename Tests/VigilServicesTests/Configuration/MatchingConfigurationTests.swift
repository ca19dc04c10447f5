import Testing
@testable import VigilServices

@Suite("matching: in the configuration file")
struct MatchingConfigurationTests {
    @Test func sectionIsRead() throws {
        let settings = try VigilConfiguration.parse(yaml: """
            matching:
              pseudonymise_clients: false
              raw_hit_retention_days: 0
              reload_check_seconds: 5
              threads: 2
            """, file: "vigil.yaml").matching
        #expect(settings == .init(pseudonymiseClients: false, rawHitRetentionDays: 0, reloadCheckSeconds: 5, threads: 2))
        #expect(VigilConfiguration.default.matching.pseudonymiseClients, "client addresses are pseudonymised by default")
    }

    @Test func badValuesAreReportedWithLineAndKey() {
        let described = configurationProblems("""
            matching:
              pseudonymise_clients: perhaps
              raw_hit_retention_days: -1
              reload_check_second: 5
              threads: 0
            """).map(\.description)
        #expect(described.contains { $0.hasPrefix("vigil.yaml:2: matching.pseudonymise_clients:") })
        #expect(described.contains { $0.hasPrefix("vigil.yaml:3: matching.raw_hit_retention_days:") })
        #expect(described.contains { $0.contains("unknown key \"reload_check_second\"") && $0.contains("did you mean \"reload_check_seconds\"") })
        #expect(described.contains { $0.hasPrefix("vigil.yaml:5: matching.threads:") })
        #expect(described.count == 4, "\(described)")
    }
}
