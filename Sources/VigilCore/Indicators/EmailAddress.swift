/// An e-mail address `local@domain` in canonical form.
///
/// - The domain follows the `DomainName` rules (IDNA → punycode, lower case, no trailing
///   dot, at least two labels). Address literals (`user@[192.0.2.1]`) are rejected.
/// - The local part is a dot-atom of ASCII `atext` (RFC 5322 §3.2.3) and is **lower-cased**:
///   RFC 5321 lets the receiving host treat case as significant, but no mail system in
///   practice does, and CERT feeds spell the same sender in different cases; one
///   canonical form per mailbox matters more for de-duplication and matching.
/// - Quoted-string local parts and non-ASCII local parts (SMTPUTF8) are rejected.
/// - Limits: local part ≤ 64 bytes, whole address ≤ 254 bytes (RFC 5321 §4.5.3.1).
public struct EmailAddress: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The canonical text, e.g. `abuse@example.com`.
    public let canonical: String
    let atIndex: Int

    /// Parses and canonicalises an address; surrounding ASCII whitespace is trimmed.
    public init(parsing raw: String) throws(IndicatorParseError) {
        try self.init(parsing: raw, allowingMixedScripts: false)
    }

    /// Parses an address; with `allowingMixedScripts` a domain label may mix Latin with
    /// Cyrillic or Greek (see `DomainName`).
    public init(parsing raw: String, allowingMixedScripts: Bool) throws(IndicatorParseError) {
        let rules = DomainRules(minLabels: 2, allowMixedScripts: allowingMixedScripts)
        do {
            (canonical, atIndex) = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in
                try parseEmail(p, base: base, rules: rules)
            }
        } catch {
            throw IndicatorParseError(input: raw, type: .email, reason: error.reason)
        }
    }

    /// The (lower-cased) local part.
    public var localPart: String {
        String(Substring(canonical.utf8.prefix(atIndex)))
    }

    /// The domain.
    public var domain: DomainName {
        DomainName(uncheckedCanonical: String(Substring(canonical.utf8.dropFirst(atIndex + 1))))
    }

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
        self = try decodeCanonical(decoder) { try EmailAddress(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}

/// RFC 5322 `atext`: letters, digits and ``! # $ % & ' * + - / = ? ^ _ ` { | } ~``.
@inline(__always) private func isAtext(_ b: UInt8) -> Bool {
    if isASCIIAlpha(b) || isASCIIDigit(b) { return true }
    switch b {
    case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2F,
         0x3D, 0x3F, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E:
        return true
    default:
        return false
    }
}

/// Parses `local@domain`; returns the canonical text and the index of `@` in it.
func parseEmail(_ p: IndicatorBytes, base: Int, rules: DomainRules) throws(IndicatorFailure) -> (String, Int) {
    var at = -1
    for i in 0..<p.count where p[i] == 0x40 {
        at = i
        break
    }
    if at < 0 {
        if p.contains(0x22) { throw IndicatorFailure(.quotedLocalPart) }
        throw IndicatorFailure(.missingAt)
    }
    if at == 0 { throw IndicatorFailure(.emptyLocalPart) }
    if p[0] == 0x22 { throw IndicatorFailure(.quotedLocalPart) }
    if at > 64 { throw IndicatorFailure(.localPartTooLong) }
    if at + 1 == p.count { throw IndicatorFailure(.emptyHost) }
    let domain = IndicatorBytes(rebasing: p[(at + 1)...])
    let capacity = at + 1 + max(domain.count, 256)
    let canonical = try buildIndicatorString(capacity: capacity) { (w) throws(IndicatorFailure) in
        var prevDot = true
        for i in 0..<at {
            let b = p[i]
            if b == 0x2E {
                if prevDot { throw IndicatorFailure(.dotPlacement) }
                prevDot = true
            } else if isAtext(b) {
                prevDot = false
            } else {
                throw invalidCharacterFailure(p, i, base: base)
            }
            w.append(asciiLower(b))
        }
        if prevDot { throw IndicatorFailure(.dotPlacement) }
        w.append(0x40)
        try parseDomain(domain, base: base + at + 1, rules: rules, into: &w)
        if w.count > 254 { throw IndicatorFailure(.tooLong(max: 254)) }
    }
    return (canonical, at)
}
