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
func mixesConfusableScripts<S: Sequence<UInt32>>(_ label: S) -> Bool {
    var seen: UInt8 = 0
    for v in label {
        if let s = homographScript(v) {
            seen |= s.rawValue
            if seen & (seen - 1) != 0 { return true }
        }
    }
    return false
}

/// Maps a name with non-ASCII characters to ASCII (labels joined by `.`), checking each
/// input code point at its byte offset first. The ASCII result still has to pass
/// `parseDomain`'s structural checks.
func mapInternationalName(_ p: IndicatorBytes, base: Int, rules: DomainRules) throws(IndicatorFailure) -> String {
    let original = String(decoding: p, as: UTF8.self)
    var offset = 0
    var atLabelStart = true
    for u in original.unicodeScalars {
        defer { offset += UTF8.width(u) }
        if isLabelSeparator(u) { atLabelStart = true; continue }
        if u.isASCII {
            if !isAllowedASCIILabelByte(asciiLower(UInt8(u.value))) {
                throw IndicatorFailure(.invalidCharacter(Character(u), offset: base + offset))
            }
            atLabelStart = false
            continue
        }
        let mapped = idnaMap(String(u)).unicodeScalars
        for m in mapped {
            let ok = m.isASCII ? isAllowedASCIILabelByte(UInt8(m.value)) : isAllowedNonASCII(m)
            if !ok { throw IndicatorFailure(.invalidCharacter(Character(u), offset: base + offset)) }
        }
        if atLabelStart, let first = mapped.first, isCombiningMark(first) {
            throw IndicatorFailure(.invalidCharacter(Character(u), offset: base + offset))
        }
        atLabelStart = false
    }
    var mapped = idnaMap(original)
    if mapped.unicodeScalars.contains("\u{3002}") {
        mapped = String(String.UnicodeScalarView(mapped.unicodeScalars.map { $0 == "\u{3002}" ? "." : $0 }))
    }
    var out: [String] = []
    for label in mapped.split(separator: ".", omittingEmptySubsequences: false) {
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            out.append(String(label))
            continue
        }
        let scalars = Array(label.unicodeScalars)
        if let first = scalars.first, isCombiningMark(first) {
            throw IndicatorFailure(.invalidCharacter(Character(first), offset: base))
        }
        if !rules.allowMixedScripts && mixesConfusableScripts(scalars.map(\.value)) {
            throw IndicatorFailure(.mixedScripts)
        }
        guard let encoded = Punycode.encode(String(String.UnicodeScalarView(scalars))) else {
            throw IndicatorFailure(.badPunycode)
        }
        if encoded.utf8.count + 4 > 63 { throw IndicatorFailure(.labelTooLong) }
        out.append("xn--" + encoded)
    }
    return out.joined(separator: ".")
}

/// Whether a non-ASCII code point is left unchanged by the mapping on its own and cannot
/// combine with a neighbour under NFC: a letter or digit that does not change when
/// NFKC-case-folded and is not a conjoining Hangul jamo. Labels made only of such code
/// points (and ASCII) take the fast path without Foundation.
@inline(__always) func isStableIDNScalar(_ v: UInt32) -> Bool {
    if (0x1100...0x11FF).contains(v) || (0xA960...0xA97F).contains(v) || (0xD7B0...0xD7FF).contains(v) {
        return false
    }
    guard let u = Unicode.Scalar(v) else { return false }
    let props = u.properties
    switch props.generalCategory {
    case .lowercaseLetter, .otherLetter, .modifierLetter, .decimalNumber:
        return !props.changesWhenNFKCCaseFolded
    default:
        return false
    }
}

/// The fast IDN path: writes the ASCII form of `p` to `w` if every code point is ASCII
/// LDH/`_`, a label separator or stable (`isStableIDNScalar`) and every label passes the
/// mixed-script rule and fits. Returns false (having written garbage) in every other case;
/// the full mapping then decides and reports the error, so both paths agree.
func mapInternationalNameFast(_ p: IndicatorBytes, rules: DomainRules, into w: inout ByteWriter) -> Bool {
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { label -> Bool in
        var count = 0
        var nonASCII = false
        func flush(_ w: inout ByteWriter) -> Bool {
            defer { count = 0; nonASCII = false }
            let scalars = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(label)[0..<count])
            if !nonASCII {
                if w.count + count > 300 { return false }
                for v in scalars { w.append(UInt8(v)) }
                return true
            }
            if !rules.allowMixedScripts && mixesConfusableScripts(scalars) { return false }
            if w.count + 63 > 300 { return false }
            w.append("xn--" as StaticString)
            let room = UnsafeMutableBufferPointer(rebasing: w.buffer[w.count..<(w.count + 59)])
            guard let n = Punycode.encode(scalars, into: room) else { return false }
            w.skip(n)
            return true
        }
        var i = 0
        while i < p.count {
            let b0 = p[i]
            let len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
            guard i + len <= p.count else { return false }
            var v: UInt32
            switch len {
            case 1: v = UInt32(b0)
            case 2: v = UInt32(b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
            case 3: v = UInt32(b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            default:
                v = UInt32(b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F)
            }
            i += len
            if v == 0x2E || v == 0x3002 || v == 0xFF0E || v == 0xFF61 {
                guard flush(&w), w.count < 300 else { return false }
                w.append(0x2E)
                continue
            }
            if v < 0x80 {
                let l = asciiLower(UInt8(v))
                guard isAllowedASCIILabelByte(l) else { return false }
                v = UInt32(l)
            } else {
                guard isStableIDNScalar(v) else { return false }
                nonASCII = true
            }
            if count == 63 { return false }
            label[count] = v
            count += 1
        }
        return flush(&w)
    }
}

/// Checks the part of an `xn--` label after the prefix (already lower case): valid
/// punycode of a non-ASCII label whose code points are allowed, that is stable under the
/// mapping, does not start with a combining mark, passes the mixed-script rule, and
/// encodes back to exactly these bytes.
func validateALabel(_ encoded: IndicatorBytes, rules: DomainRules) throws(IndicatorFailure) {
    try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { (scalars) throws(IndicatorFailure) in
        guard let n = Punycode.decode(encoded, into: scalars), n > 0 else { throw IndicatorFailure(.badPunycode) }
        let decoded = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(scalars)[0..<n])
        var hasNonASCII = false
        var allStable = true
        for v in decoded {
            if v < 0x80 {
                if !isAllowedASCIILabelByte(UInt8(v)) { throw IndicatorFailure(.badPunycode) }
            } else {
                hasNonASCII = true
                if isStableIDNScalar(v) { continue }
                allStable = false
                guard let u = Unicode.Scalar(v), isAllowedNonASCII(u) else { throw IndicatorFailure(.badPunycode) }
            }
        }
        guard hasNonASCII else { throw IndicatorFailure(.badPunycode) }
        if !allStable {
            let view = String.UnicodeScalarView(decoded.map { Unicode.Scalar($0)! })
            if isCombiningMark(view.first!) { throw IndicatorFailure(.badPunycode) }
            let label = String(view)
            if !idnaMap(label).unicodeScalars.elementsEqual(label.unicodeScalars) {
                throw IndicatorFailure(.badPunycode)
            }
        }
        if !rules.allowMixedScripts && mixesConfusableScripts(decoded) { throw IndicatorFailure(.mixedScripts) }
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { (again) throws(IndicatorFailure) in
            guard let m = Punycode.encode(decoded, into: again), m == encoded.count,
                  again.prefix(m).elementsEqual(encoded) else { throw IndicatorFailure(.badPunycode) }
        }
    }
}
