import Testing
import VigilCore
@testable import VigilServices

@Suite("zone_transfer: in the configuration file")
struct ZoneTransferConfigurationTests {
    @Test func sectionIsRead() throws {
        let settings = try VigilConfiguration.parse(yaml: """
            zone_transfer:
              listen: 127.0.0.1:5353
              check_seconds: 5
              secondaries:
                - address: 192.0.2.0/24
                  organisation: ISP One
                  notify: 192.0.2.53:53
                - address: "::1"
            """, file: "vigil.yaml").zoneTransfer
        #expect(settings.listen == .init(host: "127.0.0.1", port: 5353))
        #expect(settings.checkSeconds == 5)
        let first = try #require(settings.secondaries.first)
        #expect(first.organisation == "ISP One" && first.notify == .init(host: "192.0.2.53", port: 53))
        #expect(first.network.contains(address: "192.0.2.200") && first.network.contains(address: "::ffff:192.0.2.1"))
        #expect(!first.network.contains(address: "198.51.100.1"))
        let second = try #require(settings.secondaries.last)
        #expect(second.network.contains(address: "::1") && !second.network.contains(address: "127.0.0.1"))
        #expect(VigilConfiguration.default.zoneTransfer == .init(), "off by default: no listener, no secondaries")
    }

    @Test func badValuesAreReportedWithLineAndKey() {
        let described = configurationProblems("""
            zone_transfer:
              listen: localhost
              check_seconds: 0
              secondaries:
                - address: 300.1.1.1
                - notify: 127.0.0.1:99999
                  adress: 127.0.0.1
            """).map(\.description)
        #expect(described.contains { $0.hasPrefix("vigil.yaml:2: zone_transfer.listen:") && $0.contains("missing port") })
        #expect(described.contains { $0.hasPrefix("vigil.yaml:3: zone_transfer.check_seconds:") })
        #expect(described.contains { $0.hasPrefix("vigil.yaml:5: zone_transfer.secondaries[0].address:") && $0.contains("IPv4") })
        #expect(described.contains { $0.contains("zone_transfer.secondaries[1].notify") && $0.contains("out of range") })
        #expect(described.contains { $0.contains("unknown key \"adress\"") && $0.contains("did you mean \"address\"") })
        #expect(described.contains { $0.contains("zone_transfer.secondaries[1].address") && $0.contains("needs an address") })
        #expect(described.count == 6, "\(described)")
    }
}
