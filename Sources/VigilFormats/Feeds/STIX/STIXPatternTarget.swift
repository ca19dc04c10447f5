import VigilCore

/// One value a STIX pattern names as an indicator: the raw text and the type to parse it as.
struct STIXPatternTarget: Hashable, Sendable {
    /// The type the value is parsed as.
    var type: IndicatorType
    /// The value as written in the pattern (AS numbers as digits).
    var raw: String

    /// The object paths Vigil reads, with the indicator type (nil: IPv4/IPv6 address or network).
    private enum Path {
        case address(v6: Bool), fixed(IndicatorType)
    }

    /// Every value of `pattern`, or why the pattern cannot be expressed as indicators.
    static func targets(of pattern: STIXPattern) -> Result<[STIXPatternTarget], FeedFieldProblem> {
        var targets: [STIXPatternTarget] = []
        for comparison in pattern.comparisons {
            let pathText = comparison.pathText
            guard !comparison.negated else {
                return .failure(FeedFieldProblem("NOT on \(pathText) cannot be expressed as indicators"))
            }
            guard let path = path(comparison) else {
                if comparison.objectType.lowercased() == "file", comparison.path.count == 2,
                   comparison.path[0] == .key("hashes"), case .key(let algorithm) = comparison.path[1] {
                    let reason = "hash algorithm \(algorithm) in \(pathText) is not supported (only MD5, SHA-1, SHA-256)"
                    return .failure(FeedFieldProblem(reason))
                }
                return .failure(FeedFieldProblem("object path \(pathText) is not supported"))
            }
            var isAddress = false
            if case .address = path { isAddress = true }
            switch comparison.op {
            case .equal, .in: break
            case .isSubset where isAddress: break
            default:
                let supported = isAddress ? "=, IN and ISSUBSET" : "= and IN"
                let reason = "operator \(comparison.op.rawValue) on \(pathText) is not supported (only \(supported))"
                return .failure(FeedFieldProblem(reason))
            }
            for literal in comparison.values {
                let raw: String
                switch (path, literal) {
                case (.fixed(.asn), .integer(let number)): raw = String(number)
                case (_, .string(let text)): raw = text
                default:
                    return .failure(FeedFieldProblem("\(pathText) needs a string value, found \(literal)"))
                }
                let type: IndicatorType = switch path {
                case .address(let v6): raw.contains("/") ? (v6 ? .cidr6 : .cidr4) : (v6 ? .ipv6 : .ipv4)
                case .fixed(let fixed): fixed
                }
                targets.append(STIXPatternTarget(type: type, raw: raw))
            }
        }
        return .success(targets)
    }

    private static func path(_ comparison: STIXPattern.Comparison) -> Path? {
        let keys = comparison.path.map { step -> String? in
            if case .key(let key) = step { key } else { nil }
        }
        switch (comparison.objectType.lowercased(), keys) {
        case ("ipv4-addr", ["value"]): return .address(v6: false)
        case ("ipv6-addr", ["value"]): return .address(v6: true)
        case ("domain-name", ["value"]): return .fixed(.domain)
        case ("url", ["value"]): return .fixed(.url)
        case ("email-addr", ["value"]): return .fixed(.email)
        case ("autonomous-system", ["number"]): return .fixed(.asn)
        case ("file", let steps) where steps.count == 2 && steps[0] == "hashes":
            return steps[1].flatMap(hashType).map { .fixed($0) }
        default: return nil
        }
    }

    /// The indicator type of a STIX hash algorithm name (`MD5`, `SHA-1`, `SHA-256`, also without
    /// the hyphen), nil for the others (`SHA-512`, `SSDEEP`, `TLSH`…).
    static func hashType(_ algorithm: String) -> IndicatorType? {
        switch String(algorithm.uppercased().filter { $0 != "-" && $0 != "_" }) {
        case "MD5": .md5
        case "SHA1": .sha1
        case "SHA256": .sha256
        default: nil
        }
    }
}
