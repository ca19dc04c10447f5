import Foundation
import VigilCore
import VigilMatch

/// Checks a deterministic mix of canonical indicator values of every type against the
/// built-in warning lists (documentation lists excluded, as in the demo set-up), a
/// 10,000-site top-sites list parsed from a generated Tranco CSV and a small allowlist,
/// on one core (`WarningListSet.check(_:)`). Goal: 5,000,000 checks per second.
///
/// Unlike the canonicalise corpus (documentation ranges only), the values here look like
/// real feed data: public addresses and networks, names under common TLDs, URLs and
/// mailboxes on them, with about one value in eight hitting a list (private and reserved
/// ranges, resolvers, top sites, CDN platforms, special-use names).
struct WarningListBenchmark: Benchmark {
    let name = "warning-lists"
    let summary = "check mixed canonical values against the warning lists on one core (goal 5M/s)"
    let defaultCount = 1_000_000
    let goal = 5_000_000.0

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        var generator = WarningListValues(seed: context.seed)
        let sites = generator.siteNames(count: 10_000)
        var csv = ""
        for (i, site) in sites.enumerated() { csv += "\(i + 1),\(site)\n" }

        let buildStart = ContinuousClock.now
        let topSites = try WarningList.topSites(csv: csv, limit: 10_000)
        let allowlist = try WarningList.allowlist(["cert.gov.xy", "*.partner.xy", "198.51.100.0/24"])
        let set = WarningListSet.builtIn(excluding: WarningList.documentationListNames, adding: [topSites, allowlist])
        let buildSeconds = seconds(ContinuousClock.now - buildStart)

        let values = generator.values(count: context.count, sites: sites)
        if let path = context.emitPath {
            try values.map { "\($0.type.rawValue)\t\($0.canonical)" }.joined(separator: "\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }

        var hits = 0
        for v in values.prefix(50_000) where check(set, v) { hits += 1 }
        let elapsed = bestTime(repetitions: context.repetitions) {
            hits = 0
            for v in values where check(set, v) { hits += 1 }
        }

        var perList: [String: Int] = [:]
        for v in values { if let hit = set.check(v) { perList[hit.list, default: 0] += 1 } }
        var rates: [String] = []
        for type in IndicatorType.allCases {
            let subset = values.filter { $0.type == type }
            if subset.isEmpty { continue }
            var n = 0
            let s = bestTime(repetitions: context.repetitions) { for v in subset where check(set, v) { n += 1 } }
            rates.append("\(type.rawValue) \(formatRate(Double(subset.count) / s))/s")
        }
        return BenchmarkResult(items: values.count, seconds: elapsed, peer: nil, notes: [
            String(format: "%d of %d values suppressed (%.1f%%)", hits, values.count, 100 * Double(hits) / Double(values.count)),
            "hits per list: " + perList.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "),
            "per type: " + rates.joined(separator: ", "),
            String(format: "top-sites CSV parse (10,000 lines) and set compile: %.1f ms", buildSeconds * 1000),
        ])
    }

    @inline(never)
    private func check(_ set: WarningListSet, _ value: IndicatorValue) -> Bool {
        set.check(value) != nil
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// Generates feed-like canonical values, a few of them on warning lists.
struct WarningListValues {
    private var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private static let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "zen", "dar", "pol", "qu",
                                    "bex", "cor", "fin", "gal", "hum", "jet", "mar", "nov", "pix", "sol", "tek", "wel"]
    private static let tlds = ["com", "com", "com", "net", "org", "ru", "cn", "de", "io", "xyz", "info", "top", "co.uk"]
    private static let listed = ["cloudflare.com", "amazonaws.com", "s3.amazonaws.com", "cloudfront.net",
                                 "dns.google", "one.one.one.one", "printer.local", "abc.onion", "router.home.arpa"]
    private static let resolvers = ["8.8.8.8", "1.1.1.1", "9.9.9.9", "208.67.222.222", "2001:4860:4860::8888"]

    private mutating func label() -> String {
        var s = ""
        for _ in 0..<(2 + rng.below(3)) { s += rng.pick(Self.syllables) }
        if rng.chance(10) { s += String(rng.below(100)) }
        return s
    }

    /// `count` distinct registrable names under common TLDs, for the top-sites list.
    mutating func siteNames(count: Int) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        while out.count < count {
            let name = label() + "." + rng.pick(Self.tlds)
            if seen.insert(name).inserted { out.append(name) }
        }
        return out
    }

    private mutating func domain(_ sites: [String]) -> String {
        switch rng.below(100) {
        case 0..<6: return rng.pick(sites)
        case 6..<8: return "www." + rng.pick(sites)
        case 8..<10: return rng.pick(Self.listed)
        default:
            var s = label()
            if rng.chance(40) { s = label() + "." + s }
            return s + "." + rng.pick(Self.tlds)
        }
    }

    private mutating func ipv4() -> String {
        if rng.chance(2) { return rng.pick(Array(Self.resolvers.prefix(4))) }
        let v = UInt32(truncatingIfNeeded: rng.next())
        return "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)"
    }

    private mutating func ipv6() -> String {
        switch rng.below(20) {
        case 0: return "fe80::" + String(rng.below(65536), radix: 16)
        case 1: return "::ffff:10.0." + String(rng.below(256)) + ".1"
        case 2: return Self.resolvers[4]
        default:
            var groups = [String(0x2000 + rng.below(0x1000), radix: 16)]
            for _ in 0..<7 { groups.append(String(rng.below(65536), radix: 16)) }
            return groups.joined(separator: ":")
        }
    }

    private mutating func make(_ type: IndicatorType, _ sites: [String]) -> String {
        switch type {
        case .ipv4: return ipv4()
        case .ipv6: return ipv6()
        case .cidr4: return ipv4() + "/" + String(16 + rng.below(17))
        case .cidr6: return ipv6() + "/" + String(32 + rng.below(33))
        case .domain: return domain(sites)
        case .domainSuffix: return "*." + domain(sites)
        case .url:
            let host = rng.chance(10) ? ipv4() : domain(sites)
            return rng.pick(["http", "https"]) + "://" + host + "/" + label() + (rng.chance(30) ? "?id=\(rng.below(1000))" : "")
        case .email: return label() + "@" + domain(sites)
        case .md5: return rng.hex(bytes: 16)
        case .sha1: return rng.hex(bytes: 20)
        case .sha256: return rng.hex(bytes: 32)
        case .asn: return "AS" + String(1 + rng.below(400_000))
        }
    }

    /// `count` canonical values with the type mix of `IndicatorCorpus.weights`.
    mutating func values(count: Int, sites: [String]) -> [IndicatorValue] {
        var out: [IndicatorValue] = []
        out.reserveCapacity(count)
        while out.count < count {
            var r = rng.below(1000)
            var type = IndicatorType.ipv4
            for (t, w) in IndicatorCorpus.weights {
                if r < w { type = t; break }
                r -= w
            }
            if let v = try? IndicatorValue(parsing: make(type, sites), as: type) { out.append(v) }
        }
        return out
    }
}
