import VigilCore

/// A deterministic generator of raw indicator values of every type, in the shapes real
/// feeds have: upper case, trailing dots, surrounding spaces, IDN, non-canonical IPv6,
/// URLs with default ports, dot segments and percent-encodings. Only documentation
/// ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, AS64496–64511,
/// AS65536–65551) and names under `.example` / `.test` are produced.
/// Every value is valid, and contains no tab or newline (see `--emit`).
struct IndicatorCorpus {
    /// Relative frequency per type (per mille), roughly as in CERT feeds.
    static let weights: [(IndicatorType, Int)] = [
        (.ipv4, 200), (.ipv6, 60), (.cidr4, 50), (.cidr6, 30), (.domain, 200), (.domainSuffix, 50),
        (.url, 200), (.email, 80), (.md5, 30), (.sha1, 30), (.sha256, 40), (.asn, 30),
    ]

    private var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// `count` values with their types.
    mutating func generate(count: Int) -> [(type: IndicatorType, raw: String)] {
        var out: [(type: IndicatorType, raw: String)] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            var r = rng.below(1000)
            var type = IndicatorType.ipv4
            for (t, w) in Self.weights {
                if r < w { type = t; break }
                r -= w
            }
            out.append((type, make(type)))
        }
        return out
    }

    private static let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "zen", "dar", "pol", "qu",
                                    "bex", "cor", "fin", "gal", "hum", "jet", "mar", "nov", "pix", "sol", "tek", "wel"]
    private static let idnLabels = ["bücher", "münchen", "пример", "例え", "テスト", "中国", "ñandú", "ελληνικά",
                                    "xn--bcher-kva", "XN--MNCHEN-3YA"]
    private static let tlds = ["example", "test", "example", "test", "Example", "TEST"]

    private mutating func label() -> String {
        var s = ""
        for _ in 0..<(2 + rng.below(3)) { s += rng.pick(Self.syllables) }
        if rng.chance(10) { s += String(rng.below(100)) }
        if rng.chance(8) { s += "-" + rng.pick(Self.syllables) }
        return s
    }

    private mutating func domain() -> String {
        var labels: [String] = []
        for _ in 0..<(1 + rng.below(3)) { labels.append(rng.chance(3) ? rng.pick(Self.idnLabels) : label()) }
        var s = labels.joined(separator: ".") + "." + rng.pick(Self.tlds)
        if rng.chance(10) { s = s.uppercased() }
        if rng.chance(5) { s += "." }
        return s
    }

    private mutating func ipv4() -> String {
        let prefix = rng.pick(["192.0.2", "198.51.100", "203.0.113"])
        return prefix + "." + String(rng.below(256))
    }

    private mutating func hex16() -> String { String(rng.below(65536), radix: 16) }

    private mutating func ipv6() -> String {
        switch rng.below(6) {
        case 0: return "2001:db8::" + hex16()
        case 1: return "2001:db8:" + hex16() + "::" + hex16() + ":" + hex16()
        case 2: // full form, upper case, leading zeros
            var groups = ["2001", "0DB8"]
            for _ in 0..<6 {
                let g = String(rng.below(4) == 0 ? 0 : rng.below(65536), radix: 16, uppercase: true)
                groups.append(String(repeating: "0", count: 4 - g.count) + g)
            }
            return groups.joined(separator: ":")
        case 3: return "2001:DB8:0:0:" + hex16() + ":0:0:" + hex16()
        case 4: return "::ffff:" + ipv4()
        default: return "[2001:db8:" + hex16() + "::1]"
        }
    }

    private mutating func hexString(_ n: Int) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(n)
        for _ in 0..<n { s.append(digits[rng.below(16)]) }
        return rng.chance(30) ? s.uppercased() : s
    }

    private mutating func urlPath() -> String {
        var segs: [String] = []
        for _ in 0..<rng.below(5) {
            switch rng.below(12) {
            case 0: segs.append(".")
            case 1: segs.append("..")
            case 2: segs.append("%7e" + label())
            case 3: segs.append(label() + ".php")
            case 4: segs.append("wp-content")
            case 5: segs.append(label() + "%2Fx")
            default: segs.append(label())
            }
        }
        return "/" + segs.joined(separator: "/")
    }

    private mutating func url() -> String {
        let scheme = rng.pick(["http", "http", "https", "https", "HTTP", "ftp"])
        var host: String
        switch rng.below(10) {
        case 0: host = ipv4()
        case 1: host = "[2001:DB8::" + hex16() + "]"
        default: host = domain()
        }
        if rng.chance(20) {
            let defaults = ["http": "80", "HTTP": "80", "https": "443", "ftp": "21"]
            host += ":" + (rng.chance(50) ? defaults[scheme]! : String(8000 + rng.below(100)))
        }
        var s = scheme + "://" + host
        if !rng.chance(10) { s += urlPath() }
        if rng.chance(40) { s += "?id=" + String(rng.below(100000)) + (rng.chance(30) ? "&q=%3f" + label() : "") }
        if rng.chance(10) { s += "#" + label() }
        return s
    }

    private mutating func make(_ type: IndicatorType) -> String {
        switch type {
        case .ipv4: return rng.chance(5) ? " " + ipv4() + " " : ipv4()
        case .ipv6: return ipv6()
        case .cidr4: return ipv4() + "/" + String(24 + rng.below(9))
        case .cidr6: return "2001:db8:" + hex16() + "::" + hex16() + "/" + String(32 + rng.below(33))
        case .domain: return domain()
        case .domainSuffix: return (rng.chance(50) ? "*." : ".") + domain()
        case .url: return url()
        case .email:
            var local = label()
            if rng.chance(20) { local += "." + label() }
            if rng.chance(10) { local += "+" + label() }
            if rng.chance(20) { local = local.uppercased() }
            return local + "@" + domain()
        case .md5: return hexString(32)
        case .sha1: return hexString(40)
        case .sha256: return hexString(64)
        case .asn:
            let n = rng.chance(50) ? 64496 + rng.below(16) : 65536 + rng.below(16)
            switch rng.below(4) {
            case 0: return "AS" + String(n)
            case 1: return "as" + String(n)
            case 2: return String(n)
            default: return n >= 65536 ? "AS1." + String(n - 65536) : "AS" + String(n)
            }
        }
    }
}
