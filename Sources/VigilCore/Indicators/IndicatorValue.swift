/// A canonical indicator value: the type plus its one canonical string.
///
/// Two values are equal exactly when type and canonical string are equal, so this is the
/// de-duplication key for indicators (SPEC C1). Encoded as `{"type": …, "value": …}`;
/// decoding re-parses, so stored data cannot smuggle in a non-canonical value.
public struct IndicatorValue: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The indicator type.
    public let type: IndicatorType
    /// The canonical text (see each concrete type for its rules).
    public let canonical: String

    /// Parses `raw` as the given type and canonicalises it. Throws IndicatorParseError.
    ///
    /// No refanging is done here: `hxxp://` and `example[.]com` are errors. For
    /// `.domainSuffix` a leading `*.` or `.` is accepted and dropped, and a single label
    /// (a TLD) is allowed.
    public init(parsing raw: String, as type: IndicatorType) throws(IndicatorParseError) {
        try self.init(parsing: raw, as: type, allowingMixedScripts: false)
    }

    /// Like `init(parsing:as:)`; with `allowingMixedScripts` domain labels (also in URL
    /// hosts and e-mail domains) may mix Latin with Cyrillic or Greek. For an analyst who
    /// records a known homograph phishing domain on purpose; feeds should not use it.
    public init(parsing raw: String, as type: IndicatorType, allowingMixedScripts: Bool)
        throws(IndicatorParseError)
    {
        self.type = type
        let mixed = allowingMixedScripts
        switch type {
        case .ipv4: canonical = try IPv4Address(parsing: raw).canonical
        case .ipv6: canonical = try IPv6Address(parsing: raw).canonical
        case .cidr4: canonical = try IPv4Network(parsing: raw).canonical
        case .cidr6: canonical = try IPv6Network(parsing: raw).canonical
        case .domain: canonical = try DomainName(parsing: raw, allowingMixedScripts: mixed).canonical
        case .domainSuffix:
            canonical = try DomainName(parsing: raw, type: .domainSuffix,
                                       rules: DomainRules(minLabels: 1, allowMixedScripts: mixed),
                                       stripWildcard: true).canonical
        case .url: canonical = try URLValue(parsing: raw, allowingMixedScripts: mixed).canonical
        case .email: canonical = try EmailAddress(parsing: raw, allowingMixedScripts: mixed).canonical
        case .md5: canonical = try FileHash(parsing: raw, as: .md5).canonical
        case .sha1: canonical = try FileHash(parsing: raw, as: .sha1).canonical
        case .sha256: canonical = try FileHash(parsing: raw, as: .sha256).canonical
        case .asn: canonical = try ASNumber(parsing: raw).canonical
        }
    }

    /// Guesses the type and canonicalises, after refanging (`hxxp`, `[.]`, …; see
    /// `IndicatorValue.refang`). Rules, in order:
    /// `://` → url; `@` → email; `:` or a leading `[` → ipv6, or cidr6 with `/`;
    /// leading `*.` or `.` → domainSuffix; `AS`/`ASN` + digits (and one dot) → asn;
    /// only digits, dots and `/` → ipv4, or cidr4 with `/`; 32/40/64 hex digits →
    /// md5/sha1/sha256; another `/` → url (fails: missing scheme); otherwise domain.
    /// Bare numbers are not guessed as AS numbers (they fail as ipv4).
    public init(detecting raw: String) throws(IndicatorParseError) {
        let type: IndicatorType
        let text: String
        do {
            (type, text) = try withTrimmedInput(raw) { (p, _) throws(IndicatorFailure) in
                let refanged = refangBytes(p)
                if let refanged {
                    var copy = refanged
                    let t = copy.withUTF8 { detectType($0) }
                    return (t, refanged)
                }
                return (detectType(p), raw)
            }
        } catch {
            throw IndicatorParseError(input: raw, type: nil, reason: error.reason)
        }
        try self.init(parsing: text, as: type)
    }

    /// Wraps a concrete value.
    public init(_ v: IPv4Address) { type = .ipv4; canonical = v.canonical }
    /// Wraps a concrete value.
    public init(_ v: IPv6Address) { type = .ipv6; canonical = v.canonical }
    /// Wraps a concrete value.
    public init(_ v: IPv4Network) { type = .cidr4; canonical = v.canonical }
    /// Wraps a concrete value.
    public init(_ v: IPv6Network) { type = .cidr6; canonical = v.canonical }
    /// Wraps a domain as `.domain`, or as `.domainSuffix` when `includingSubdomains`.
    public init(_ v: DomainName, includingSubdomains: Bool = false) {
        type = includingSubdomains ? .domainSuffix : .domain
        canonical = v.canonical
    }
    /// Wraps a concrete value.
    public init(_ v: URLValue) { type = .url; canonical = v.canonical }
    /// Wraps a concrete value.
    public init(_ v: EmailAddress) { type = .email; canonical = v.canonical }
    /// Wraps a concrete value.
    public init(_ v: FileHash) { type = v.algorithm.indicatorType; canonical = v.canonical }
    /// Wraps a concrete value.
    public init(_ v: ASNumber) { type = .asn; canonical = v.canonical }

    /// The canonical string (so interpolating a value prints what a blocklist needs).
    public var description: String { canonical }

    /// Orders by type (declaration order), then canonical text.
    public static func < (a: Self, b: Self) -> Bool {
        if a.type != b.type {
            let all = IndicatorType.allCases
            return all.firstIndex(of: a.type)! < all.firstIndex(of: b.type)!
        }
        return a.canonical < b.canonical
    }

    private enum CodingKeys: String, CodingKey { case type, value }

    /// Decodes `{"type": …, "value": …}` and re-canonicalises the value. Mixed-script
    /// domains are accepted here: the rule guards new input, not stored data.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let t = try c.decode(IndicatorType.self, forKey: .type)
        let v = try c.decode(String.self, forKey: .value)
        do { try self.init(parsing: v, as: t, allowingMixedScripts: true) } catch {
            throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: error.description)
        }
    }

    /// Encodes `{"type": …, "value": …}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(canonical, forKey: .value)
    }
}

/// The detection rules of `IndicatorValue(detecting:)` over trimmed, refanged bytes.
func detectType(_ p: IndicatorBytes) -> IndicatorType {
    let n = p.count
    var colon = false, at = false, slash = false, dot = false
    var onlyDigitsDotsSlash = true, onlyHex = true
    var i = 0
    while i < n {
        let b = p[i]
        switch b {
        case 0x3A:
            if i + 2 < n && p[i + 1] == 0x2F && p[i + 2] == 0x2F { return .url }
            colon = true
        case 0x40: at = true
        case 0x2F: slash = true
        case 0x2E: dot = true
        default: break
        }
        if !(isASCIIDigit(b) || b == 0x2E || b == 0x2F) { onlyDigitsDotsSlash = false }
        if asciiHexValue(b) == nil { onlyHex = false }
        i += 1
    }
    if at { return .email }
    if colon || p[0] == 0x5B { return slash ? .cidr6 : .ipv6 }
    if p[0] == 0x2E || (n > 1 && p[0] == 0x2A && p[1] == 0x2E) { return .domainSuffix }
    let asn = asnPrefixLength(p)
    if asn > 0 && asn < n {
        var ok = true
        var dots = 0
        for k in asn..<n where !isASCIIDigit(p[k]) {
            if p[k] == 0x2E { dots += 1 } else { ok = false }
        }
        if ok && dots <= 1 { return .asn }
    }
    if onlyDigitsDotsSlash { return slash ? .cidr4 : .ipv4 }
    if onlyHex && !dot {
        switch n {
        case 32: return .md5
        case 40: return .sha1
        case 64: return .sha256
        default: break
        }
    }
    if slash { return .url }
    return .domain
}
