import Testing
import VigilCore
@testable import VigilFormats

@Suite("RPZ zone exporter")
struct RPZZoneTests {
    @Test func sampleZoneMatchesTheFixture() throws {
        let zone = RPZZone(policy: BlocklistFixtures.policy, serial: 1_764_000_000).render(BlocklistFixtures.entries)
        #expect(zone == (try BlocklistFixtures.sample("malware-dns.rpz")))
    }

    @Test(arguments: [
        ("198.51.100.23/32", "32.23.100.51.198.rpz-ip"),
        ("10.0.0.0/8", "8.0.0.0.10.rpz-ip"),
    ])
    func ipv4Triggers(network: String, owner: String) throws {
        #expect(RPZZone.ipTrigger(try IPv4Network(parsing: network)) == owner)
    }

    /// draft-vixie-dnsop-dns-rpz §4.2: groups reversed, no leading zeros, the longest run of zero
    /// groups (of equal runs the last in the reversed order, as BIND writes it) written as `zz`, a single zero not.
    @Test(arguments: [
        ("2001:db8::1:0:0:7/128", "128.7.0.0.1.zz.db8.2001.rpz-ip"),
        ("2001:db8:abcd::/48", "48.zz.abcd.db8.2001.rpz-ip"),
        ("2001:db8:0:1:0:1:0:1/128", "128.1.0.1.0.1.0.db8.2001.rpz-ip"),
        ("2001:db8::1:0:0:0:1/128", "128.1.zz.1.0.db8.2001.rpz-ip"),
        ("2001:db8::/32", "32.zz.db8.2001.rpz-ip"),
    ])
    func ipv6Triggers(network: String, owner: String) throws {
        #expect(RPZZone.ipTrigger(try IPv6Network(parsing: network)) == owner)
    }

    @Test func eachActionHasItsTarget() {
        let entries = [BlocklistFixtures.entries[0]]
        let expected: [(BlocklistAction, String)] = [
            (.nxdomain, "bad-host.example.net CNAME ."), (.nodata, "bad-host.example.net CNAME *."),
            (.passthru, "bad-host.example.net CNAME rpz-passthru."),
            (.sinkhole("sink.example"), "bad-host.example.net CNAME sink.example."),
        ]
        for (action, line) in expected {
            let zone = RPZZone(policy: BlocklistPolicy(name: "t", action: action), serial: 7).render(entries)
            #expect(zone.split(separator: "\n").contains { $0 == line }, "\(action)")
            #expect(zone.contains("@ SOA localhost. hostmaster.localhost. 7 "))
        }
    }

    @Test func typesRPZCannotExpressAreLeftOut() {
        let zone = RPZZone(policy: BlocklistFixtures.policy, serial: 1).render(BlocklistFixtures.entries)
        #expect(!zone.contains("payload"))
        #expect(!zone.contains("abab"))
        #expect(zone.components(separatedBy: "\nevil-cdn.example.org CNAME").count == 2, "a name covered by its domain-with-subdomains appears once")
    }

    @Test func actionsParseFromConfigurationText() {
        #expect(BlocklistAction(parsing: "NXDOMAIN") == .nxdomain)
        #expect(BlocklistAction(parsing: "sinkhole:Walled.Example.") == .sinkhole("walled.example"))
        #expect(BlocklistAction(parsing: "sinkhole:") == nil)
        #expect(BlocklistAction(parsing: "drop") == nil)
    }
}
