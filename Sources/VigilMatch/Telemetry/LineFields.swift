import VigilCore

// Byte-level helpers the scanners share: fields split on a separator, tokens, numbers and
// times. None of them allocates.

/// Up to `maxFields` fields of `p` separated by `separator`, as ranges. Returns the count.
@inline(__always)
func splitFields(
    _ p: UnsafeBufferPointer<UInt8>, separator: UInt8, into fields: inout [Range<Int>], maxFields: Int
) -> Int {
    fields.removeAll(keepingCapacity: true)
    var start = 0
    var i = 0
    let n = p.count
    while i < n {
        if p[i] == separator {
            fields.append(start..<i)
            if fields.count == maxFields { return fields.count }
            start = i + 1
        }
        i += 1
    }
    fields.append(start..<n)
    return fields.count
}

/// The next space-separated token at or after `i`: its range, or nil at the end.
@inline(__always)
func nextToken(_ p: UnsafeBufferPointer<UInt8>, from i: inout Int) -> Range<Int>? {
    let n = p.count
    while i < n && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
    if i >= n { return nil }
    let start = i
    while i < n && p[i] != 0x20 && p[i] != 0x09 { i += 1 }
    return start..<i
}

/// The index just after the first occurrence of `needle` in `p[from...]`, or nil.
@inline(__always)
func indexAfter(_ needle: StaticString, in p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
    let k = needle.utf8CodeUnitCount
    let first = needle.utf8Start[0]
    var i = from
    let last = p.count - k
    while i <= last {
        if p[i] == first {
            var j = 1
            while j < k && p[i + j] == needle.utf8Start[j] { j += 1 }
            if j == k { return i + k }
        }
        i += 1
    }
    return nil
}

/// Whether `p[range]` equals `text`.
@inline(__always)
func fieldEquals(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
    guard range.count == text.utf8CodeUnitCount else { return false }
    var k = 0
    for i in range {
        if p[i] != text.utf8Start[k] { return false }
        k += 1
    }
    return true
}

/// Unix seconds with an optional fraction (`1764115200`, `1764115200.123456`) as milliseconds.
@inline(__always)
func epochMilliseconds(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
    var seconds: Int64 = 0
    var millis: Int64 = 0
    var fractionDigits = -1
    var digits = 0
    for i in range {
        let b = p[i]
        if b == 0x2E {
            if fractionDigits >= 0 { return nil }
            fractionDigits = 0
            continue
        }
        let d = b &- 0x30
        if d > 9 { return nil }
        if fractionDigits < 0 {
            digits += 1
            if digits > 13 { return nil }
            seconds = seconds * 10 + Int64(d)
        } else {
            if fractionDigits < 3 { millis = millis * 10 + Int64(d) }
            fractionDigits += 1
        }
    }
    if digits == 0 { return nil }
    var f = max(fractionDigits, 0)
    while f < 3 {
        millis *= 10
        f += 1
    }
    return seconds * 1000 + millis
}

/// Unsigned decimal in `p[range]`.
@inline(__always)
func decimal(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    if range.isEmpty || range.count > 9 { return nil }
    var v = 0
    for i in range {
        let d = p[i] &- 0x30
        if d > 9 { return nil }
        v = v * 10 + Int(d)
    }
    return v
}

/// The month number of a three-letter English abbreviation at `p[i..<i+3]`.
func monthNumber(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
    guard i + 3 <= p.count else { return nil }
    let key = UInt32(asciiLower(p[i])) << 16 | UInt32(asciiLower(p[i + 1])) << 8 | UInt32(asciiLower(p[i + 2]))
    let months: [UInt32] = [0x6A616E, 0x666562, 0x6D6172, 0x617072, 0x6D6179, 0x6A756E,
                            0x6A756C, 0x617567, 0x736570, 0x6F6374, 0x6E6F76, 0x646563]
    return months.firstIndex(of: key).map { $0 + 1 }
}

/// `Mon DD HH:MM:SS` (syslog, Unbound's `log-time-ascii`) at `p[i...]` in `year`, UTC, as
/// Unix milliseconds, and the index after it.
func syslogTime(_ p: UnsafeBufferPointer<UInt8>, at i: Int, year: Int) -> (Int64, Int)? {
    guard i + 15 <= p.count, let month = monthNumber(p, i), p[i + 3] == 0x20 else { return nil }
    var k = i + 4
    if p[k] == 0x20 { k += 1 }
    var day = 0
    while k < p.count, p[k] &- 0x30 < 10 {
        day = day * 10 + Int(p[k] &- 0x30)
        k += 1
    }
    guard k < p.count, p[k] == 0x20, let (seconds, end) = clockTime(p, at: k + 1) else { return nil }
    let days = Int64(CivilDate.daysSinceEpoch(year: year, month: month, day: day))
    return ((days * 86_400 + seconds) * 1000, end)
}

/// `HH:MM:SS` at `p[i...]` as seconds of the day, and the index after it.
func clockTime(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int64, Int)? {
    guard i + 8 <= p.count, p[i + 2] == 0x3A, p[i + 5] == 0x3A,
          let h = decimal(p, i..<(i + 2)), let m = decimal(p, (i + 3)..<(i + 5)), let s = decimal(p, (i + 6)..<(i + 8)),
          h < 24, m < 60, s < 61
    else { return nil }
    return (Int64(h * 3600 + m * 60 + s), i + 8)
}

/// An RFC 3339 / ISO 8601 UTC time `YYYY-MM-DDTHH:MM:SS[.fff][Z]` in `p[range]`.
func isoTime(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
    let i = range.lowerBound
    guard range.count >= 19, p[i + 4] == 0x2D, p[i + 7] == 0x2D, p[i + 10] == 0x54 || p[i + 10] == 0x20,
          let year = decimal(p, i..<(i + 4)), let month = decimal(p, (i + 5)..<(i + 7)),
          let day = decimal(p, (i + 8)..<(i + 10)), (1...12).contains(month), (1...31).contains(day),
          let (seconds, end) = clockTime(p, at: i + 11)
    else { return nil }
    var millis: Int64 = 0
    if end < range.upperBound, p[end] == 0x2E {
        var k = end + 1, digits = 0
        while k < range.upperBound, p[k] &- 0x30 < 10 {
            if digits < 3 { millis = millis * 10 + Int64(p[k] &- 0x30) }
            digits += 1
            k += 1
        }
        while digits < 3 {
            millis *= 10
            digits += 1
        }
    }
    return (Int64(CivilDate.daysSinceEpoch(year: year, month: month, day: day)) * 86_400 + seconds) * 1000 + millis
}

/// The host of a URL in `p[range]` (`scheme://[user@]host[:port]/…`, brackets of an IPv6 host
/// removed), or of `host:port` (a proxy's CONNECT).
func urlHost(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
    var start = range.lowerBound
    if let afterScheme = indexAfter("://", in: UnsafeBufferPointer(rebasing: p[range])) {
        start = range.lowerBound + afterScheme
    }
    var end = start
    var at = -1
    while end < range.upperBound, p[end] != 0x2F, p[end] != 0x3F, p[end] != 0x23 {
        if p[end] == 0x40 { at = end }
        end += 1
    }
    if at >= 0 { start = at + 1 }
    if start < end, p[start] == 0x5B {
        var close = start + 1
        while close < end, p[close] != 0x5D { close += 1 }
        return close < end ? (start + 1)..<close : nil
    }
    var colon = start
    while colon < end, p[colon] != 0x3A { colon += 1 }
    return colon > start ? start..<colon : nil
}
