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

    @Test func sensorsAreReadAndCheckedWithLineAndKey() throws {
        let sensors = try VigilConfiguration.parse(yaml: """
            sensors:
              - name: resolver-1
                format: unbound
                file: /var/log/unbound/unbound.log
              - name: edge
                format: flow-csv
                syslog: 127.0.0.1:5514
                columns: source=sa,destination=da
            """, file: "vigil.yaml").sensors
        #expect(sensors.map(\.name) == ["resolver-1", "edge"])
        #expect(sensors[0].input == .file("/var/log/unbound/unbound.log") && sensors[0].format == .unbound)
        #expect(sensors[1].input == .syslog(.init(host: "127.0.0.1", port: 5514)))
        #expect(sensors[1].columns.source == [.name("sa")])

        let described = configurationProblems("""
            sensors:
              - name: a
                format: netflow
                file: /tmp/a.log
              - name: b
                format: unbound
                syslog: 0.0.0.0:514
              - format: bind
                file: /tmp/c.log
                syslog: 127.0.0.1:5514
              - name: d
                format: flow-csv
                file: /tmp/d.log
                columns: port=3
            """).map(\.description)
        #expect(described.contains { $0.hasPrefix("vigil.yaml:3: sensors[0].format:") && $0.contains("unknown format") })
        #expect(described.contains { $0.hasPrefix("vigil.yaml:7: sensors[1].syslog:") && $0.contains("loopback") })
        #expect(described.contains { $0.contains("sensors[2].name") && $0.contains("needs a name") })
        #expect(described.contains { $0.contains("sensors[2]") && $0.contains("exactly one of file or syslog") })
        #expect(described.contains { $0.hasPrefix("vigil.yaml:14: sensors[3].columns:") })
        #expect(described.count == 5, "\(described)")
    }
}
