// Reading the parts the warning lists need straight from the bytes of canonical
// indicator strings, without parsing (and allocating) the whole value again. The input
// is always canonical (an `IndicatorValue`), so these are simple scans; anything
// unexpected yields nil, which means "no hit", never a crash.

import VigilCore

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

/// An IPv6 address in `p[start..<end]` (RFC 5952 text: hex groups, at most one `::`,
/// an embedded dotted quad in the last 32 bits). The groups before and after `::` are
/// gathered in two 128-bit accumulators (pairs of words, no array: indexed stores into
/// a vector stall the CPU).
@inline(__always)
func canonicalIPv6(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> IPv6Address? {
    var head = (UInt64(0), UInt64(0)), tail = (UInt64(0), UInt64(0))
    var headCount = 0, tailCount = 0
    var gap = false
    var i = start
    if end - start >= 2 && p[i] == 0x3A && p[i + 1] == 0x3A {
        gap = true
        i += 2
    }
    while i < end {
        if headCount + tailCount == 8 { return nil }
        var j = i
        var v: UInt64 = 0
        while j < end && j - i < 5, let h = hexDigitValue(p[j]) {
            v = v << 4 | UInt64(h)
            j += 1
        }
        if j < end && p[j] == 0x2E {
            guard headCount + tailCount <= 6, let v4 = canonicalIPv4(p, i, end) else { return nil }
            if gap {
                tail = push(push(tail, UInt64(v4 >> 16)), UInt64(v4 & 0xFFFF))
                tailCount += 2
            } else {
                head = push(push(head, UInt64(v4 >> 16)), UInt64(v4 & 0xFFFF))
                headCount += 2
            }
            break
        }
        if j == i || j - i > 4 { return nil }
        if gap {
            tail = push(tail, v)
            tailCount += 1
        } else {
            head = push(head, v)
            headCount += 1
        }
        i = j
        if i == end { break }
        if p[i] != 0x3A { return nil }
        i += 1
        if i < end && p[i] == 0x3A {
            if gap { return nil }
            gap = true
            i += 1
        } else if i == end {
            return nil
        }
    }
    if gap ? headCount + tailCount > 7 : headCount != 8 { return nil }
    let top = shiftLeft(head, 16 * (8 - headCount))
    return IPv6Address(high: top.0 | tail.0, low: top.1 | tail.1)
}

/// The first 16-bit group of an IPv6 address in `p[start..<end]` (0 when it starts
/// with `::`), read without parsing the rest: enough for the address filter.
@inline(__always)
func canonicalIPv6FirstGroup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
    var v: UInt32 = 0
    var i = start
    while i < end && i - start < 4, let h = hexDigitValue(p[i]) {
        v = v << 4 | h
        i += 1
    }
    return i < end && p[i] == 0x3A ? v : nil
}

/// `(high, low) << 16 | group`.
@inline(__always)
private func push(_ a: (UInt64, UInt64), _ group: UInt64) -> (UInt64, UInt64) {
    (a.0 << 16 | a.1 >> 48, a.1 << 16 | group)
}

/// `(high, low) << bits` for 0…128 bits.
@inline(__always)
private func shiftLeft(_ a: (UInt64, UInt64), _ bits: Int) -> (UInt64, UInt64) {
    if bits == 0 { return a }
    if bits >= 128 { return (0, 0) }
    if bits >= 64 { return (a.1 << UInt64(bits - 64), 0) }
    return (a.0 << UInt64(bits) | a.1 >> UInt64(64 - bits), a.1 << UInt64(bits))
}

@inline(__always)
private func hexDigitValue(_ b: UInt8) -> UInt32? {
    if b &- 0x30 < 10 { return UInt32(b &- 0x30) }
    if b &- 0x61 < 6 { return UInt32(b &- 0x61 + 10) }
    if b &- 0x41 < 6 { return UInt32(b &- 0x41 + 10) }
    return nil
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

/// Finds the host of a canonical URL `scheme://[userinfo@]host[:port]/path…` in one
/// pass: the scheme is `http`, `https` or `ftp`, the authority ends at the first `/`
/// (the canonical path is never empty), userinfo ends at the last `@` in it, an IPv6
/// host is in brackets (returned without them), and a host of digits and dots is a
/// dotted quad (a canonical domain never ends in an all-digit label).
@inline(__always)
func canonicalURLHost(_ p: UnsafeBufferPointer<UInt8>) -> CanonicalURLHost? {
    let n = p.count
    var i = 3
    while i <= 5 && !(i + 2 < n && p[i] == 0x3A && p[i + 1] == 0x2F && p[i + 2] == 0x2F) { i += 1 }
    if i > 5 { return nil }
    var start = i + 3
    var colon = -1
    var numeric = true
    i = start
    while i < n {
        let b = p[i]
        if b == 0x2F || b == 0x3F || b == 0x23 { break }
        if b == 0x40 {
            start = i + 1
            colon = -1
            numeric = true
        } else if b == 0x3A {
            if colon < 0 { colon = i }
        } else if colon < 0 && !(b == 0x2E || b &- 0x30 < 10) {
            numeric = false
        }
        i += 1
    }
    if start >= i { return nil }
    if p[start] == 0x5B {
        var close = start + 1
        while close < i && p[close] != 0x5D { close += 1 }
        return close < i ? CanonicalURLHost(kind: .ipv6, start: start + 1, end: close) : nil
    }
    let end = colon >= 0 ? colon : i
    if end == start { return nil }
    return CanonicalURLHost(kind: numeric ? .ipv4 : .domain, start: start, end: end)
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
