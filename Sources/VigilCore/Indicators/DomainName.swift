/// A DNS domain name in canonical ASCII form: lower case, internationalised labels as
/// punycode (`xn--…`), no trailing dot.
///
/// Rules (SPEC C1):
/// - Labels are 1…63 bytes, the name at most 253 bytes (measured in ASCII form).
/// - Letters, digits, `-` and `_`. The underscore is accepted because real names use
///   it (`_dmarc.example.com`, malware hosts with `_`). A label may not start or end
///   with `-`; `--` in positions 3–4 is allowed (`r3---sn-abc.example`) except that an
///   `xn--` label must be valid, canonical punycode.
/// - At least two labels (`localhost` is rejected); the last label may not be all
///   digits (`192.0.2.1` is not a domain). `domainSuffix` indicators may be one label.
/// - Internationalised names are mapped like UTS #46: NFKC, lower case, NFC; `。．｡`
///   separate labels; symbols, punctuation, spaces, emoji and joiners are rejected;
///   `ß` and `ς` are kept (IDNA2008), not mapped to `ss`/`σ` (IDNA2003).
/// - Mixed-script homographs: a label containing letters of more than one of Latin,
///   Cyrillic and Greek is rejected (`pаypal` with Cyrillic `а`), unless the caller
///   opts in with `allowingMixedScripts`. Whole-script confusables (`аррӏе`, all
///   Cyrillic) are valid names and are accepted.
public struct DomainName: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The canonical ASCII form, e.g. `xn--bcher-kva.example`.
    public let canonical: String

    /// Parses and canonicalises a domain name (at least two labels).
    public init(parsing raw: String) throws(IndicatorParseError) {
        try self.init(parsing: raw, allowingMixedScripts: false)
    }

    /// Parses a domain name; with `allowingMixedScripts` a label may mix Latin with
    /// Cyrillic or Greek, for recording a known homograph phishing domain on purpose.
    public init(parsing raw: String, allowingMixedScripts: Bool) throws(IndicatorParseError) {
        try self.init(parsing: raw, type: .domain,
                      rules: DomainRules(minLabels: 2, allowMixedScripts: allowingMixedScripts))
    }

    /// Parses a name under explicit rules; `type` is reported in errors.
    init(parsing raw: String, type: IndicatorType, rules: DomainRules, stripWildcard: Bool = false)
        throws(IndicatorParseError)
    {
        do {
            canonical = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in
                var q = p
                var b = base
                if stripWildcard {
                    if q.count >= 2 && q[0] == 0x2A && q[1] == 0x2E {
                        q = IndicatorBytes(rebasing: q[2...]); b += 2
                    } else if q.count >= 1 && q[0] == 0x2E {
                        q = IndicatorBytes(rebasing: q[1...]); b += 1
                    }
                }
                let input = q
                let inputBase = b
                return try buildIndicatorString(capacity: max(input.count, 256)) { (w) throws(IndicatorFailure) in
                    try parseDomain(input, base: inputBase, rules: rules, into: &w)
                }
            }
        } catch {
            throw IndicatorParseError(input: raw, type: type, reason: error.reason)
        }
    }

    /// Wraps an already canonical name (internal: no validation).
    init(uncheckedCanonical: String) { canonical = uncheckedCanonical }

    /// The labels from left to right, e.g. `["www", "example", "com"]`.
    public var labels: [Substring] { canonical.split(separator: ".", omittingEmptySubsequences: false) }

    /// The number of labels.
    public var labelCount: Int { canonical.utf8.reduce(1) { $0 + ($1 == 0x2E ? 1 : 0) } }

    /// The name without its first label (`www.example.com` → `example.com`); nil for one label.
    public var parent: DomainName? {
        guard let dot = canonical.utf8.firstIndex(of: 0x2E) else { return nil }
        return DomainName(uncheckedCanonical: String(canonical[canonical.index(after: dot)...]))
    }

    /// True if this name equals `other` or lies below it (`a.example.com` is a subdomain
    /// of `example.com`; so is `example.com` itself, as in RFC 8499). Label-aligned:
    /// `badexample.com` is not a subdomain of `example.com`.
    public func isSubdomain(of other: DomainName) -> Bool {
        let a = canonical.utf8, b = other.canonical.utf8
        if a.count == b.count { return canonical == other.canonical }
        guard a.count > b.count, canonical.hasSuffix(other.canonical) else { return false }
        return a[a.index(a.endIndex, offsetBy: -b.count - 1)] == 0x2E
    }

    /// The name for display: `xn--` labels decoded to Unicode.
    public var unicode: String {
        labels.map { label -> String in
            if label.hasPrefix("xn--"), let u = Punycode.decode(String(label.dropFirst(4))) { return u }
            return String(label)
        }.joined(separator: ".")
    }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Orders by canonical text.
    public static func < (a: Self, b: Self) -> Bool { a.canonical < b.canonical }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try DomainName(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}

/// What a caller requires of a domain name.
struct DomainRules {
    var minLabels = 2
    var allowMixedScripts = false
}

/// Validates the name in `p` and writes its canonical ASCII form to `w`.
/// `w` needs `max(p.count, 256)` bytes of free capacity. Returns the label count.
@discardableResult
func parseDomain(
    _ p: IndicatorBytes, base: Int, rules: DomainRules, into w: inout ByteWriter
) throws(IndicatorFailure) -> Int {
    for i in 0..<p.count where p[i] >= 0x80 {
        // Internationalised: map to ASCII (fast path, else the full mapping), then check
        // the ASCII form like any other name.
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 320) {
            (tmp) throws(IndicatorFailure) -> Int in
            var ascii = ByteWriter(tmp)
            if !mapInternationalNameFast(p, rules: rules, into: &ascii) {
                let mapped = try mapInternationalName(p, base: base, rules: rules)
                if mapped.utf8.count > 253 { throw IndicatorFailure(.nameTooLong) }
                ascii = ByteWriter(tmp)
                ascii.append(mapped)
            }
            return try parseDomain(ascii.written, base: base, rules: rules, into: &w)
        }
    }
    var n = p.count
    if n > 0 && p[n - 1] == 0x2E { n -= 1 }
    if n == 0 { throw IndicatorFailure(.emptyLabel) }
    let start = w.count
    var labels = 0
    var labelStart = 0
    var numeric = true
    var i = 0
    while true {
        if i == n || p[i] == 0x2E {
            let len = i - labelStart
            if len == 0 { throw IndicatorFailure(.emptyLabel) }
            if len > 63 { throw IndicatorFailure(.labelTooLong) }
            if p[labelStart] == 0x2D || p[i - 1] == 0x2D { throw IndicatorFailure(.hyphenPlacement) }
            if len > 4 {
                let l = IndicatorBytes(rebasing: UnsafeBufferPointer(w.buffer)[(start + labelStart)..<(start + i)])
                if l[0] == 0x78 && l[1] == 0x6E && l[2] == 0x2D && l[3] == 0x2D {
                    try validateALabel(IndicatorBytes(rebasing: l[4...]), rules: rules)
                }
            }
            labels += 1
            if i == n { break }
            w.append(0x2E)
            i += 1
            labelStart = i
            numeric = true
            continue
        }
        let b = p[i]
        let l = asciiLower(b)
        if l &- 0x61 < 26 || b == 0x2D || b == 0x5F {
            numeric = false
        } else if !isASCIIDigit(b) {
            throw invalidCharacterFailure(p, i, base: base)
        }
        w.append(l)
        i += 1
    }
    if numeric { throw IndicatorFailure(.numericTopLevelLabel) }
    if n > 253 { throw IndicatorFailure(.nameTooLong) }
    if labels < rules.minLabels { throw IndicatorFailure(.singleLabel) }
    return labels
}
