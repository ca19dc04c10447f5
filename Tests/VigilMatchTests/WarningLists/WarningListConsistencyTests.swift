import Testing
import VigilCore
import VigilMatch

@Suite("Warning lists: canonical text and parsed values agree")
struct WarningListConsistencyTests {
    /// Random IPv6 addresses with runs of zero groups anywhere (so `::` lands in every
    /// position), IPv4-mapped ones and dotted quads: half are listed as /128 or /32, and
    /// exactly those must hit, through the canonical text and through the parsed value.
    @Test func randomAddressesHitExactlyWhenListed() throws {
        var rng = SplitMix64(seed: 42)
        var listed: [String] = []
        var values: [(IndicatorValue, Bool)] = []
        for i in 0..<4000 {
            let raw: String
            let type: IndicatorType
            switch i % 4 {
            case 0, 1:
                type = .ipv6
                raw = (0..<8).map { _ in rng.chance(45) ? "0" : String(rng.below(65536), radix: 16) }.joined(separator: ":")
            case 2:
                type = .ipv6
                raw = "::ffff:\(rng.below(256)).\(rng.below(256)).\(rng.below(256)).\(rng.below(256))"
            default:
                type = .ipv4
                raw = "\(rng.below(256)).\(rng.below(256)).\(rng.below(256)).\(rng.below(256))"
            }
            let value = try IndicatorValue(parsing: raw, as: type)
            let isListed = rng.chance(50)
            if isListed { listed.append(value.canonical) }
            values.append((value, isListed))
        }
        let set = WarningListSet([try WarningList(name: "random", description: "", parsing: listed.joined(separator: "\n"))])
        for (value, isListed) in values {
            let hit = set.check(value)
            #expect(set.check(value.parsed) == hit, "\(value)")
            if isListed {
                #expect(hit?.matched == value.canonical && hit?.relation == .equal, "\(value): \(hit?.description ?? "no hit")")
            } else if let hit {
                // A mapped address can equal a listed dotted quad (or the reverse).
                #expect(hit.relation == .equal, "\(value): \(hit)")
            }
            let url = try IndicatorValue(parsing: "http://" + (value.type == .ipv6 ? "[\(value)]" : "\(value)") + "/x", as: .url)
            #expect(set.check(url)?.matched == hit?.matched, "\(url)")
        }
    }

    @Test func randomNetworksAgreeWithParsedForm() throws {
        var rng = SplitMix64(seed: 7)
        let set = WarningListSet.builtIn()
        for _ in 0..<3000 {
            let groups = (0..<8).map { _ in rng.chance(40) ? "0" : String(rng.below(65536), radix: 16) }
            let v6 = try IndicatorValue(parsing: groups.joined(separator: ":") + "/\(rng.below(129))", as: .cidr6)
            #expect(set.check(v6) == set.check(v6.parsed), "\(v6)")
            let v4 = try IndicatorValue(parsing: "\(rng.below(256)).\(rng.below(256)).0.0/\(rng.below(33))", as: .cidr4)
            #expect(set.check(v4) == set.check(v4.parsed), "\(v4)")
        }
    }
}
