/// An http, https or ftp URL in canonical form (RFC 3986 §6.2.2 syntax-based plus §6.2.3
/// scheme-based normalisation).
///
/// Canonicalisation:
/// - scheme and host lower case; the host is a `DomainName` (IDNA → punycode, no trailing
///   dot, at least two labels), a strict dotted-quad IPv4 address, or an IPv6 address in
///   brackets in RFC 5952 form; percent-encoded host bytes are decoded first.
/// - the default port (80, 443, 21) and an empty port are removed; ports are 1…65535.
/// - percent-encodings get upper-case hex; encoded unreserved characters
///   (`A-Z a-z 0-9 - . _ ~`) are decoded; non-ASCII and characters RFC 3986 does not
///   allow (`" < > \ ^ ` { | } [ ]`) are percent-encoded as UTF-8.
/// - dot segments are removed (after percent normalisation, so `%2E%2E` counts);
///   an empty path becomes `/`.
/// - the query is kept as is apart from percent normalisation; an empty query (`?`)
///   is dropped; the fragment is dropped.
/// - userinfo (`user:pass@`) is kept, percent-normalised: it is part of the string a
///   phishing URL was seen with (`http://bank.example@evil.example/`); an empty one
///   (`http://@host/`) is dropped.
/// - rejected: other schemes, a missing `//`, spaces and control characters anywhere,
///   `\` in the authority, IPvFuture hosts, zone ids, inputs over 2048 bytes.
/// Path and query keep their case.
public struct URLValue: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The longest accepted input, in UTF-8 bytes (after trimming).
    public static let maxInputLength = 2048

    /// The canonical URL text.
    public let canonical: String
    /// The kind of host.
    public let hostKind: HostKind
    /// The port if it is not the scheme's default.
    public let port: UInt16?
    let schemeEnd: Int
    let hostRange: Range<Int>
    let pathStart: Int
    let queryStart: Int?

    /// The kinds of host a URL can name.
    public enum HostKind: Sendable, Hashable, Codable {
        /// A domain name.
        case domain
        /// An IPv4 address.
        case ipv4
        /// An IPv6 address (written in brackets in the URL).
        case ipv6
    }

    /// A parsed host.
    public enum Host: Sendable, Hashable {
        /// A domain name.
        case domain(DomainName)
        /// An IPv4 address.
        case ipv4(IPv4Address)
        /// An IPv6 address.
        case ipv6(IPv6Address)
    }

    /// Parses and canonicalises a URL; surrounding ASCII whitespace is trimmed.
    public init(parsing raw: String) throws(IndicatorParseError) {
        try self.init(parsing: raw, allowingMixedScripts: false)
    }

    /// Parses a URL; with `allowingMixedScripts` a host label may mix Latin with Cyrillic
    /// or Greek (see `DomainName`), for recording a known homograph phishing URL on purpose.
    public init(parsing raw: String, allowingMixedScripts: Bool) throws(IndicatorParseError) {
        let rules = DomainRules(minLabels: 2, allowMixedScripts: allowingMixedScripts)
        do {
            self = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in
                try parseURL(p, base: base, rules: rules)
            }
        } catch {
            throw IndicatorParseError(input: raw, type: .url, reason: error.reason)
        }
    }

    init(canonical: String, hostKind: HostKind, port: UInt16?, schemeEnd: Int,
         hostRange: Range<Int>, pathStart: Int, queryStart: Int?) {
        self.canonical = canonical
        self.hostKind = hostKind
        self.port = port
        self.schemeEnd = schemeEnd
        self.hostRange = hostRange
        self.pathStart = pathStart
        self.queryStart = queryStart
    }

    private func slice(_ r: Range<Int>) -> String {
        let u = canonical.utf8
        let start = u.index(u.startIndex, offsetBy: r.lowerBound)
        return String(Substring(u[start..<u.index(start, offsetBy: r.count)]))
    }

    /// `http`, `https` or `ftp`.
    public var scheme: String { slice(0..<schemeEnd) }

    /// The userinfo before `@`, if any (percent-normalised).
    public var userinfo: String? {
        let start = schemeEnd + 3
        let hostStart = hostKind == .ipv6 ? hostRange.lowerBound - 1 : hostRange.lowerBound
        return hostStart > start ? slice(start..<(hostStart - 1)) : nil
    }

    /// The canonical host text: a domain, a dotted quad, or an IPv6 address without brackets.
    public var hostString: String { slice(hostRange) }

    /// The parsed host.
    public var host: Host {
        let h = hostString
        switch hostKind {
        case .domain: return .domain(DomainName(uncheckedCanonical: h))
        case .ipv4: return .ipv4((try? IPv4Address(parsing: h)) ?? IPv4Address(0))
        case .ipv6: return .ipv6((try? IPv6Address(parsing: h)) ?? IPv6Address(high: 0, low: 0))
        }
    }

    /// The port in effect: the explicit one or the scheme's default.
    public var effectivePort: UInt16 {
        port ?? (scheme == "https" ? 443 : scheme == "ftp" ? 21 : 80)
    }

    /// The path, always starting with `/`.
    public var path: String { slice(pathStart..<(queryStart.map { $0 - 1 } ?? canonical.utf8.count)) }

    /// The query after `?`, if any.
    public var query: String? { queryStart.map { slice($0..<canonical.utf8.count) } }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Orders by canonical text.
    public static func < (a: Self, b: Self) -> Bool { a.canonical < b.canonical }

    /// Equal when the canonical text is equal.
    public static func == (a: Self, b: Self) -> Bool { a.canonical == b.canonical }

    /// Hashes the canonical text.
    public func hash(into h: inout Hasher) { h.combine(canonical) }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try URLValue(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}
