import Foundation

// The Unicode side of domain names (slow path, only for non-ASCII input and `xn--`
// labels): a UTS #46-style mapping, the allowed code points, the mixed-script rule
// and the punycode round trip. Foundation is used here for NFKC/NFC only.

/// UTS #46-style mapping of a name or label: NFKC, lower case, then NFC.
func idnaMap(_ s: String) -> String {
    s.precomposedStringWithCompatibilityMapping.lowercased().precomposedStringWithCanonicalMapping
}

/// Whether a non-ASCII code point may appear in a mapped label: lower-case and other
/// letters, modifier letters, combining marks and decimal digits. Symbols, emoji,
/// punctuation, spaces, joiners, upper-case letters and unassigned code points are not.
func isAllowedNonASCII(_ u: Unicode.Scalar) -> Bool {
    switch u.properties.generalCategory {
    case .lowercaseLetter, .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .decimalNumber:
        true
    default:
        false
    }
}

/// Whether an ASCII byte may appear in a mapped label (`a-z 0-9 - _`).
@inline(__always) func isAllowedASCIILabelByte(_ b: UInt8) -> Bool {
    b &- 0x61 < 26 || isASCIIDigit(b) || b == 0x2D || b == 0x5F
}

func isCombiningMark(_ u: Unicode.Scalar) -> Bool {
    switch u.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: true
    default: false
    }
}

/// `.`, `。`, `．`, `｡`: the label separators of IDNA.
@inline(__always) func isLabelSeparator(_ u: Unicode.Scalar) -> Bool {
    u == "." || u == "\u{3002}" || u == "\u{FF0E}" || u == "\u{FF61}"
}

private enum HomographScript: UInt8 { case latin = 1, greek = 2, cyrillic = 4 }

/// The confusable script of a letter (Latin, Greek, Cyrillic), or nil for others.
private func homographScript(_ v: UInt32) -> HomographScript? {
    switch v {
    case 0x61...0x7A, 0x41...0x5A: .latin
    case 0xC0...0x24F where v != 0xD7 && v != 0xF7: .latin
    case 0x250...0x2AF, 0x1D00...0x1D7F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F: .latin
    case 0x370...0x3FF, 0x1F00...0x1FFF: .greek
    case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: .cyrillic
    default: nil
    }
}

/// The mixed-script rule: a label may contain letters of at most one of Latin, Greek
/// and Cyrillic. Digits, `-`, `_`, combining marks and all other scripts are neutral.
func mixesConfusableScripts<S: Sequence<Unicode.Scalar>>(_ label: S) -> Bool {
    var seen: UInt8 = 0
    for u in label {
        if let s = homographScript(u.value) {
            seen |= s.rawValue
            if seen & (seen - 1) != 0 { return true }
        }
    }
    return false
}

/// Maps a name with non-ASCII characters to ASCII (labels joined by `.`), checking each
/// input code point at its byte offset first. The ASCII result still has to pass
/// `parseDomain`'s structural checks.
func mapInternationalName(_ p: Bytes, base: Int, rules: DomainRules) throws(Fail) -> String {
    let original = String(decoding: p, as: UTF8.self)
    var offset = 0
    var atLabelStart = true
    for u in original.unicodeScalars {
        defer { offset += UTF8.width(u) }
        if isLabelSeparator(u) { atLabelStart = true; continue }
        if u.isASCII {
            if !isAllowedASCIILabelByte(asciiLower(UInt8(u.value))) {
                throw Fail(.invalidCharacter(Character(u), offset: base + offset))
            }
            atLabelStart = false
            continue
        }
        let mapped = idnaMap(String(u)).unicodeScalars
        for m in mapped {
            let ok = m.isASCII ? isAllowedASCIILabelByte(UInt8(m.value)) : isAllowedNonASCII(m)
            if !ok { throw Fail(.invalidCharacter(Character(u), offset: base + offset)) }
        }
        if atLabelStart, let first = mapped.first, isCombiningMark(first) {
            throw Fail(.invalidCharacter(Character(u), offset: base + offset))
        }
        atLabelStart = false
    }
    var mapped = idnaMap(original)
    if mapped.unicodeScalars.contains("\u{3002}") {
        mapped = String(String.UnicodeScalarView(mapped.unicodeScalars.map { $0 == "\u{3002}" ? "." : $0 }))
    }
    if mapped.hasSuffix(".") { mapped.removeLast() }
    var out: [String] = []
    for label in mapped.split(separator: ".", omittingEmptySubsequences: false) {
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            out.append(String(label))
            continue
        }
        let scalars = Array(label.unicodeScalars)
        if let first = scalars.first, isCombiningMark(first) {
            throw Fail(.invalidCharacter(Character(first), offset: base))
        }
        if !rules.allowMixedScripts && mixesConfusableScripts(scalars) { throw Fail(.mixedScripts) }
        guard let encoded = Punycode.encode(scalars: scalars) else { throw Fail(.badPunycode) }
        if encoded.utf8.count + 4 > 63 { throw Fail(.labelTooLong) }
        out.append("xn--" + encoded)
    }
    return out.joined(separator: ".")
}

/// Checks the part of an `xn--` label after the prefix (already lower case): valid
/// punycode of a non-ASCII label whose code points are allowed, that is stable under the
/// mapping, does not start with a combining mark, passes the mixed-script rule, and
/// encodes back to exactly these bytes.
func validateALabel(_ encoded: Bytes, rules: DomainRules) throws(Fail) {
    guard let scalars = Punycode.decode(bytes: encoded), let first = scalars.first,
          scalars.contains(where: { !$0.isASCII })
    else { throw Fail(.badPunycode) }
    for u in scalars {
        let ok = u.isASCII ? isAllowedASCIILabelByte(UInt8(u.value)) : isAllowedNonASCII(u)
        if !ok { throw Fail(.badPunycode) }
    }
    if isCombiningMark(first) { throw Fail(.badPunycode) }
    let label = String(String.UnicodeScalarView(scalars))
    if !idnaMap(label).unicodeScalars.elementsEqual(label.unicodeScalars) { throw Fail(.badPunycode) }
    if !rules.allowMixedScripts && mixesConfusableScripts(scalars) { throw Fail(.mixedScripts) }
    guard let again = Punycode.encode(scalars: scalars), again.utf8.elementsEqual(encoded) else {
        throw Fail(.badPunycode)
    }
}
