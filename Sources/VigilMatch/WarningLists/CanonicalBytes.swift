// Reading the parts the warning lists need straight from the bytes of canonical
// indicator strings, without parsing (and allocating) the whole value again. The input
// is always canonical (an `IndicatorValue`), so these are simple scans; anything
// unexpected yields nil, which means "no hit", never a crash.

/// A dotted quad in `p[start..<end]`.
@inline(__always)
func canonicalIPv4(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
    var value: UInt32 = 0
    var octet: UInt32 = 0
    var digits = 0
    var dots = 0
    var i = start
    while i < end {
        let b = p[i]
        if b == 0x2E {
            if digits == 0 || dots == 3 || octet > 255 { return nil }
            value = value << 8 | octet
            octet = 0
            digits = 0
            dots += 1
        } else {
            let d = b &- 0x30
            if d > 9 || digits == 3 { return nil }
            octet = octet * 10 + UInt32(d)
            digits += 1
        }
        i += 1
    }
    if dots != 3 || digits == 0 || octet > 255 { return nil }
    return value << 8 | octet
}

/// A prefix length after the `/` at `slash`.
@inline(__always)
func canonicalPrefixLength(_ p: UnsafeBufferPointer<UInt8>, after slash: Int, _ end: Int) -> Int? {
    var n = 0
    var i = slash + 1
    if i == end || end - i > 3 { return nil }
    while i < end {
        let d = p[i] &- 0x30
        if d > 9 { return nil }
        n = n * 10 + Int(d)
        i += 1
    }
    return n
}

/// Where the host of a canonical URL lies, and what kind it is.
struct CanonicalURLHost {
    enum Kind { case domain, ipv4, ipv6 }
    var kind: Kind
    var start: Int
    var end: Int
}

/// Finds the host of a canonical URL `scheme://[userinfo@]host[:port]/path…`: the
/// authority ends at the first `/` after `://` (the canonical path is never empty),
/// userinfo ends at the last `@` in it, an IPv6 host is in brackets (returned without
/// them), and a host of digits and dots is a dotted quad (a canonical domain never ends
/// in an all-digit label).
@inline(__always)
func canonicalURLHost(_ p: UnsafeBufferPointer<UInt8>) -> CanonicalURLHost? {
    let n = p.count
    var i = 0
    while i + 2 < n && !(p[i] == 0x3A && p[i + 1] == 0x2F && p[i + 2] == 0x2F) { i += 1 }
    if i + 2 >= n { return nil }
    var start = i + 3
    var end = start
    while end < n && p[end] != 0x2F && p[end] != 0x3F && p[end] != 0x23 { end += 1 }
    var k = end
    while k > start {
        k -= 1
        if p[k] == 0x40 {
            start = k + 1
            break
        }
    }
    if start < end && p[start] == 0x5B {
        var close = start + 1
        while close < end && p[close] != 0x5D { close += 1 }
        return close < end ? CanonicalURLHost(kind: .ipv6, start: start + 1, end: close) : nil
    }
    var hostEnd = start
    var numeric = true
    while hostEnd < end && p[hostEnd] != 0x3A {
        let b = p[hostEnd]
        if !(b == 0x2E || (b >= 0x30 && b <= 0x39)) { numeric = false }
        hostEnd += 1
    }
    if hostEnd == start { return nil }
    return CanonicalURLHost(kind: numeric ? .ipv4 : .domain, start: start, end: hostEnd)
}

/// The index just after the last `@` of an e-mail address.
@inline(__always)
func canonicalEmailDomainStart(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
    var k = p.count
    while k > 0 {
        k -= 1
        if p[k] == 0x40 { return k + 1 }
    }
    return nil
}
