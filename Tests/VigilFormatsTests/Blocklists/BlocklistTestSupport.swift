import Foundation
import VigilCore
import VigilFormats

/// A fixed set of entries of every type, for the exporters' tests and their samples.
enum BlocklistFixtures {
    static func entry(_ type: IndicatorType, _ raw: String, _ id: String, threat: ThreatType = .malwareDistribution) -> BlocklistEntry {
        BlocklistEntry(indicatorID: id, value: try! IndicatorValue(parsing: raw, as: type), threatType: threat, confidence: 80)
    }

    static let entries: [BlocklistEntry] = [
        entry(.domain, "bad-host.example.net", "01930000-0000-7000-8000-000000000001"),
        entry(.domainSuffix, "evil-cdn.example.org", "01930000-0000-7000-8000-000000000002", threat: .c2),
        entry(.domain, "xn--bcher-kva.example", "01930000-0000-7000-8000-000000000003", threat: .phishing),
        entry(.ipv4, "198.51.100.23", "01930000-0000-7000-8000-000000000004"),
        entry(.cidr4, "203.0.113.0/24", "01930000-0000-7000-8000-000000000005", threat: .c2),
        entry(.ipv4, "203.0.113.77", "01930000-0000-7000-8000-000000000006"),
        entry(.ipv6, "2001:db8:0:0:1::7", "01930000-0000-7000-8000-000000000007"),
        entry(.cidr6, "2001:db8:abcd::/48", "01930000-0000-7000-8000-000000000008"),
        entry(.url, "http://bad-host.example.net/payload.exe", "01930000-0000-7000-8000-000000000009"),
        entry(.sha256, String(repeating: "ab", count: 32), "01930000-0000-7000-8000-000000000010"),
        // Covered by the domain-with-subdomains above: listed once in a zone or a plain list.
        entry(.domain, "EVIL-CDN.example.org.", "01930000-0000-7000-8000-000000000011"),
    ]

    static let policy = BlocklistPolicy(name: "malware-dns", action: .sinkhole("walled-garden.example.net"))

    static func sample(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }
}
