/// RFC 3492 Punycode: the Bootstring encoding of Unicode labels as ASCII.
///
/// These functions encode and decode one label *without* the `xn--` prefix and
/// without any IDNA mapping or validation; `DomainName` does that.
public enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 128
    private static let limit = Int(Int32.max)

    /// Encodes `label` (e.g. `bücher` → `bcher-kva`); nil only on arithmetic overflow.
    public static func encode(_ label: String) -> String? {
        let scalars = label.unicodeScalars.map(\.value)
        let capacity = scalars.count * 12 + 16
        return scalars.withUnsafeBufferPointer { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { out in
                encode(input, into: out).map {
                    String(decoding: UnsafeBufferPointer(rebasing: out[0..<$0]), as: UTF8.self)
                }
            }
        }
    }

    /// Decodes `encoded` (e.g. `bcher-kva` → `bücher`); nil if it is not valid Punycode.
    public static func decode(_ encoded: String) -> String? {
        let bytes = Array(encoded.utf8)
        return bytes.withUnsafeBufferPointer { input in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, bytes.count)) { out in
                guard let n = decode(input, into: out) else { return nil }
                var s = String.UnicodeScalarView()
                for v in out[0..<n] { s.append(Unicode.Scalar(v)!) }
                return String(s)
            }
        }
    }

    /// Encodes code points into `out`; returns the byte count, or nil on overflow or if
    /// `out` is too small.
    static func encode(_ input: UnsafeBufferPointer<UInt32>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var o = 0
        @inline(__always) func put(_ b: UInt8) -> Bool {
            guard o < out.count else { return false }
            out[o] = b
            o += 1
            return true
        }
        for v in input where v < 0x80 { guard put(UInt8(v)) else { return nil } }
        let b = o
        var h = b
        if b > 0 { guard put(0x2D) else { return nil } }
        var n = initialN, delta = 0, bias = initialBias
        while h < input.count {
            var m = Int.max
            for v in input where Int(v) >= n && Int(v) < m { m = Int(v) }
            let (inc, overflow) = (m - n).multipliedReportingOverflow(by: h + 1)
            if overflow || delta + inc > limit { return nil }
            delta += inc
            n = m
            for v in input {
                let c = Int(v)
                if c < n {
                    delta += 1
                    if delta > limit { return nil }
                }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        guard put(digit(t + (q - t) % (base - t))) else { return nil }
                        q = (q - t) / (base - t)
                        k += base
                    }
                    guard put(digit(q)) else { return nil }
                    bias = adapt(delta, numPoints: h + 1, firstTime: h == b)
                    delta = 0
                    h += 1
                }
            }
            delta += 1
            n += 1
        }
        return o
    }

    /// Decodes ASCII bytes into code points in `out`; returns the count, or nil if the input
    /// is not valid Punycode or `out` is too small.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt32>) -> Int? {
        var count = 0
        var pos = 0
        var dash = -1
        for i in 0..<input.count where input[i] == 0x2D { dash = i }
        if dash >= 0 {
            guard dash <= out.count else { return nil }
            for i in 0..<dash {
                guard input[i] < 0x80 else { return nil }
                out[i] = UInt32(input[i])
            }
            count = dash
            pos = dash + 1
        }
        var n = initialN, i = 0, bias = initialBias
        while pos < input.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard pos < input.count, let d = digitValue(input[pos]) else { return nil }
                pos += 1
                let (dw, o1) = d.multipliedReportingOverflow(by: w)
                if o1 || i + dw > limit { return nil }
                i += dw
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if d < t { break }
                let (nw, o2) = w.multipliedReportingOverflow(by: base - t)
                if o2 || nw > limit { return nil }
                w = nw
                k += base
            }
            let len = count + 1
            bias = adapt(i - oldI, numPoints: len, firstTime: oldI == 0)
            n += i / len
            i %= len
            guard n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n), count < out.count else { return nil }
            var j = count
            while j > i {
                out[j] = out[j - 1]
                j -= 1
            }
            out[i] = UInt32(n)
            count += 1
            i += 1
        }
        return count
    }

    private static func adapt(_ delta: Int, numPoints: Int, firstTime: Bool) -> Int {
        var d = firstTime ? delta / damp : delta / 2
        d += d / numPoints
        var k = 0
        while d > ((base - tMin) * tMax) / 2 {
            d /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * d / (d + skew)
    }

    @inline(__always) private static func digit(_ d: Int) -> UInt8 {
        d < 26 ? UInt8(0x61 + d) : UInt8(0x30 + d - 26)
    }

    @inline(__always) private static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x61...0x7A: Int(c - 0x61)
        case 0x41...0x5A: Int(c - 0x41)
        case 0x30...0x39: Int(c - 0x30) + 26
        default: nil
        }
    }
}
