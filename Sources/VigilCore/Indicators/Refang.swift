// Refanging: undoing the "defanging" that CERT reports and feeds apply so that
// indicators are not clickable (`hxxp://evil[.]example/`).

extension IndicatorValue {
    /// Undoes common defanging; returns `raw` unchanged if nothing matched.
    ///
    /// At the start: `hxxp`, `hxxps`, `hXXp…` → `http(s)`, `fxp` → `ftp` (only before `:`
    /// or `[:`). Anywhere: `[.]` `(.)` `{.}` `[dot]` `(dot)` `{dot}` → `.`, `[:]` → `:`,
    /// `[://]` → `://`, `[@]` `(@)` `[at]` `(at)` → `@`, `[/]` → `/` (case-insensitive).
    public static func refang(_ raw: String) -> String {
        var copy = raw
        return copy.withUTF8 { refangBytes($0) } ?? raw
    }
}

private let bracketPatterns: [(pattern: [UInt8], replacement: [UInt8])] = [
    ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("(dot)", "."), ("{dot}", "."),
    ("[:]", ":"), ("[://]", "://"), ("[@]", "@"), ("(@)", "@"), ("[at]", "@"), ("(at)", "@"),
    ("[/]", "/"),
].map { (Array($0.0.utf8), Array($0.1.utf8)) }

private let schemePatterns: [(pattern: [UInt8], replacement: [UInt8])] = [
    ("hxxps", "https"), ("hxxp", "http"), ("fxp", "ftp"),
].map { (Array($0.0.utf8), Array($0.1.utf8)) }

@inline(__always) private func matches(_ p: IndicatorBytes, at i: Int, _ pattern: [UInt8]) -> Bool {
    guard i + pattern.count <= p.count else { return false }
    for k in 0..<pattern.count where asciiLower(p[i + k]) != pattern[k] { return false }
    return true
}

/// Refangs `p`; nil when nothing needed refanging (the common case, no allocation).
func refangBytes(_ p: IndicatorBytes) -> String? {
    var interesting = false
    for b in p where b == 0x5B || b == 0x28 || b == 0x7B {
        interesting = true
        break
    }
    let first = p.isEmpty ? 0 : asciiLower(p[0])
    if !interesting && first != 0x68 && first != 0x66 { return nil }
    var out: [UInt8] = []
    var changed = false
    var i = 0
    if first == 0x68 || first == 0x66 {
        for (pattern, replacement) in schemePatterns where matches(p, at: 0, pattern) {
            let next = pattern.count
            if next < p.count && (p[next] == 0x3A || p[next] == 0x5B) {
                out.append(contentsOf: replacement)
                i = next
                changed = true
            }
            break
        }
    }
    if !interesting && !changed { return nil }
    out.reserveCapacity(p.count)
    outer: while i < p.count {
        let b = p[i]
        if b == 0x5B || b == 0x28 || b == 0x7B {
            for (pattern, replacement) in bracketPatterns where matches(p, at: i, pattern) {
                out.append(contentsOf: replacement)
                i += pattern.count
                changed = true
                continue outer
            }
        }
        out.append(b)
        i += 1
    }
    return changed ? String(decoding: out, as: UTF8.self) : nil
}
