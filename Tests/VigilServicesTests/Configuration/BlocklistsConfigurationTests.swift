import Testing
import VigilCore
@testable import VigilServices

@Suite("blocklists: in the configuration file")
struct BlocklistsConfigurationTests {
    @Test func policiesAreRead() throws {
        let configuration = try VigilConfiguration.parse(yaml: """
            blocklists:
              - name: malware-dns
                types: [domain, domain-suffix]
                threat_types: [malware-distribution, c2]
                min_confidence: 70
                max_tlp: amber
                sources: [urlhaus]
                tags: [botnet]
                action: sinkhole:Walled-Garden.example.net
                operators: [ISP One]
              - name: all-ips
            """, file: "vigil.yaml")
        let first = try #require(configuration.blocklists.first)
        #expect(first.name == "malware-dns")
        #expect(first.types == [.domain, .domainSuffix])
        #expect(first.threatTypes == [.malwareDistribution, .c2])
        #expect(first.minimumConfidence == 70)
        #expect(first.maximumTLP == .amber)
        #expect(first.sources == ["urlhaus"] && first.tags == ["botnet"] && first.operators == ["ISP One"])
        #expect(first.action == .sinkhole("walled-garden.example.net"))
        let second = try #require(configuration.blocklists.last)
        #expect(second == BlocklistPolicy(name: "all-ips"), "defaults: names and addresses, confidence 50, up to GREEN, NXDOMAIN")
    }

    @Test func badEntriesAreReportedWithLineAndKey() {
        let problems = configurationProblems("""
            blocklists:
              - name: ok-list
                types: [domain, hostname]
                action: drop
              - name: "bad name/../x"
              - types: [ipv4]
              - name: ok-list
            """)
        let described = problems.map(\.description)
        #expect(described.contains { $0.hasPrefix("vigil.yaml:3: blocklists[0].types[1]:") && $0.contains("hostname") })
        #expect(described.contains { $0.hasPrefix("vigil.yaml:4: blocklists[0].action:") && $0.contains("sinkhole:NAME") })
        #expect(described.contains { $0.contains("blocklists[1].name") && $0.contains("letters, digits") })
        #expect(described.contains { $0.contains("blocklists[2].name") && $0.contains("needs a name") })
        #expect(described.contains { $0.contains("\"ok-list\" is defined twice") })
        #expect(problems.count == 5, "\(described)")
    }
}

@Suite("The demo's configuration file")
struct DemoConfigurationFileTests {
    @Test func itParsesToTheDemoSettings() throws {
        let configuration = try VigilConfiguration.parse(yaml: DemoDataSet.configurationFile, file: "vigil-demo/vigil.yaml")
        #expect(configuration.blocklists == DemoDataSet.blocklists)
        #expect(configuration.warningLists.exclude == DemoDataSet.warningListExclusions)
        #expect(configuration.sharing == DemoDataSet.sharing)
    }
}
