import Testing
import VigilCore
import VigilServices

@Suite("Demo data set")
struct DemoDataSetTests {
    @Test func isDeterministicAndCoversEveryType() throws {
        let first = DemoDataSet().rawIndicators()
        let second = DemoDataSet().rawIndicators()
        #expect(first.map(\.raw) == second.map(\.raw))
        #expect(Set(first.map(\.type)) == Set(IndicatorType.allCases))
        #expect(first.count > 2000)
    }

    @Test func usesOnlyDocumentationRangesAndReservedNames() throws {
        let v4 = try ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24"].map { try IndicatorValue(parsing: $0, as: .cidr4) }
        for item in DemoDataSet().rawIndicators() {
            let value = try IndicatorValue(parsing: item.raw, as: item.type)
            let text = value.canonical
            switch value.type {
            case .ipv4, .cidr4:
                let prefix = text.split(separator: "/")[0].split(separator: ".").prefix(3).joined(separator: ".")
                #expect(v4.contains { $0.canonical.hasPrefix(prefix + ".") }, "\(text)")
            case .ipv6, .cidr6:
                #expect(text.hasPrefix("2001:db8:"), "\(text)")
            case .domain, .domainSuffix, .url, .email:
                let host = text.components(separatedBy: "@").last!.components(separatedBy: "/").dropFirst(value.type == .url ? 2 : 0).first!
                #expect(host.hasSuffix(".example") || host.hasSuffix(".test"), "\(text)")
            case .asn:
                let number = Int(text.dropFirst(2))!
                #expect((64496...64511).contains(number) || (65536...65551).contains(number), "\(text)")
            case .md5, .sha1, .sha256:
                #expect(text == text.lowercased())
            }
        }
    }
}
