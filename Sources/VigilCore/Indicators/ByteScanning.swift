// Byte-level helpers shared by the indicator parsers. Internal: the parsers work on
// the UTF-8 bytes of the input and never touch Foundation on the ASCII fast path.

typealias IndicatorBytes = UnsafeBufferPointer<UInt8>

/// Inputs longer than this many UTF-8 bytes are rejected before any other work.
let maxIndicatorInputBytes = 4096

/// Runs `body` over the UTF-8 bytes of `raw` after the common preflight: length bound,
/// trimming of ASCII whitespace at both ends, and rejection of control characters.
/// `base` is the byte offset of the first trimmed byte in `raw` (for error offsets).
@inline(__always)
func withTrimmedInput<R>(
    _ raw: String, _ body: (IndicatorBytes, Int) throws(IndicatorFailure) -> R
) throws(IndicatorFailure) -> R {
    if raw.utf8.count > maxIndicatorInputBytes { throw IndicatorFailure(.tooLong(max: maxIndicatorInputBytes)) }
    let fast: Result<R, IndicatorFailure>? = raw.utf8.withContiguousStorageIfAvailable { p in
        Result { () throws(IndicatorFailure) -> R in
            let (q, base) = try indicatorPreflight(p)
            return try body(q, base)
        }
    }
    if let fast { return try fast.get() }
    var copy = raw
    let slow: Result<R, IndicatorFailure> = copy.withUTF8 { p in
        Result { () throws(IndicatorFailure) -> R in
            let (q, base) = try indicatorPreflight(p)
            return try body(q, base)
        }
    }
    return try slow.get()
}

@inline(__always)
func isASCIIWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D)
}

/// Trims ASCII whitespace and rejects empty input and C0/C1 control characters and DEL.
@inline(__always)
func indicatorPreflight(_ p: IndicatorBytes) throws(IndicatorFailure) -> (IndicatorBytes, Int) {
    var s = 0
    var e = p.count
    while s < e && isASCIIWhitespace(p[s]) { s += 1 }
    while e > s && isASCIIWhitespace(p[e - 1]) { e -= 1 }
    if s == e { throw IndicatorFailure(.empty) }
    var i = s
    while i < e {
        let b = p[i]
        if b < 0x20 || b == 0x7F { throw IndicatorFailure(.controlCharacter(offset: i)) }
        if b == 0xC2 && i + 1 < e && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F {
            throw IndicatorFailure(.controlCharacter(offset: i))
        }
        i += 1
    }
    return (IndicatorBytes(rebasing: p[s..<e]), s)
}

/// The error for the character starting at byte `i` of `p`; `base` is `p`'s offset in the input.
func invalidCharacterFailure(_ p: IndicatorBytes, _ i: Int, base: Int) -> IndicatorFailure {
    let end = Swift.min(i + 4, p.count)
    var it = IndicatorBytes(rebasing: p[i..<end]).makeIterator()
    var decoder = UTF8()
    let ch: Character
    if case .scalarValue(let u) = decoder.decode(&it) { ch = Character(u) } else { ch = "\u{FFFD}" }
    return IndicatorFailure(.invalidCharacter(ch, offset: base + i))
}

/// Whether `p` is well-formed UTF-8 (needed for bytes that did not come from a String,
/// such as a percent-decoded host).
func isWellFormedUTF8(_ p: IndicatorBytes) -> Bool {
    var it = p.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&it) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}

/// The value of an ASCII hex digit, or nil.
@inline(__always)
func asciiHexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: b &- 0x30
    case 0x41...0x46: b &- 0x37
    case 0x61...0x66: b &- 0x57
    default: nil
    }
}

@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
@inline(__always) func isASCIIAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
@inline(__always) func asciiLower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

let lowerHexDigits: StaticString = "0123456789abcdef"
let upperHexDigits: StaticString = "0123456789ABCDEF"

/// An append-only writer over a fixed buffer; overflowing it is a programming error.
struct ByteWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    @inline(__always) mutating func append(_ b: UInt8) {
        precondition(count < buffer.count, "ByteWriter overflow")
        buffer[count] = b
        count += 1
    }

    @inline(__always) mutating func append(_ p: IndicatorBytes) {
        precondition(count + p.count <= buffer.count, "ByteWriter overflow")
        if p.isEmpty { return }
        UnsafeMutableBufferPointer(rebasing: buffer[count...]).baseAddress!
            .update(from: p.baseAddress!, count: p.count)
        count += p.count
    }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    /// Appends `v` in decimal.
    mutating func appendDecimal(_ v: UInt32) {
        if v < 10 { append(0x30 &+ UInt8(v)); return }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &tmp) { t in
            while x > 0 { t[n] = 0x30 &+ UInt8(x % 10); x /= 10; n += 1 }
            while n > 0 { n -= 1; append(t[n]) }
        }
    }

    /// Appends a 16-bit value as lower-case hex without leading zeros.
    mutating func appendHex16(_ v: UInt16) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let d = Int((v >> UInt16(shift)) & 0xF)
            if d != 0 || started || shift == 0 {
                started = true
                append(lowerHexDigits.utf8Start[d])
            }
        }
    }

    /// `%XX` with upper-case hex digits.
    @inline(__always) mutating func appendPercentEncoded(_ b: UInt8) {
        append(0x25)
        append(upperHexDigits.utf8Start[Int(b >> 4)])
        append(upperHexDigits.utf8Start[Int(b & 0xF)])
    }

    /// Counts `n` bytes written directly into `buffer` after `count`.
    @inline(__always) mutating func skip(_ n: Int) {
        precondition(n >= 0 && count + n <= buffer.count)
        count += n
    }

    /// Drops everything after the first `n` bytes.
    @inline(__always) mutating func truncate(to n: Int) {
        precondition(n >= 0 && n <= count)
        count = n
    }

    /// The written bytes.
    var written: IndicatorBytes { IndicatorBytes(rebasing: UnsafeBufferPointer(buffer)[0..<count]) }

    /// The written bytes as a String.
    func makeString() -> String { String(decoding: written, as: UTF8.self) }
}

/// Builds a String of at most `capacity` UTF-8 bytes with a stack-allocated writer.
@inline(__always)
func buildIndicatorString(
    capacity: Int, _ body: (inout ByteWriter) throws(IndicatorFailure) -> Void
) throws(IndicatorFailure) -> String {
    try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { (buf) throws(IndicatorFailure) -> String in
        var w = ByteWriter(buf)
        try body(&w)
        return w.makeString()
    }
}

/// Decodes a single-value string container and parses it with `parse`.
func decodeCanonical<T>(_ decoder: any Decoder, _ parse: (String) throws -> T) throws -> T {
    let s = try decoder.singleValueContainer().decode(String.self)
    do { return try parse(s) } catch {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                debugDescription: String(describing: error),
                                                underlyingError: error))
    }
}
