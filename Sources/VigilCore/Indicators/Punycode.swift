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
        encode(scalars: Array(label.unicodeScalars))
    }

    /// Encodes a sequence of code points.
    public static func encode(scalars input: [Unicode.Scalar]) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 2 + 8)
        for u in input where u.isASCII { out.append(UInt8(u.value)) }
        let b = out.count
        var h = b
        if b > 0 { out.append(0x2D) }
        var n = initialN, delta = 0, bias = initialBias
        while h < input.count {
            var m = Int.max
            for u in input where Int(u.value) >= n && Int(u.value) < m { m = Int(u.value) }
            let (inc, o) = (m - n).multipliedReportingOverflow(by: h + 1)
            if o || delta + inc > limit { return nil }
            delta += inc
            n = m
            for u in input {
                let c = Int(u.value)
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
                        out.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    out.append(digit(q))
                    bias = adapt(delta, numPoints: h + 1, firstTime: h == b)
                    delta = 0
                    h += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `encoded` (e.g. `bcher-kva` → `bücher`); nil if it is not valid Punycode.
    public static func decode(_ encoded: String) -> String? {
        guard let scalars = decode(bytes: Array(encoded.utf8)) else { return nil }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    /// Decodes ASCII bytes to code points; nil if invalid.
    static func decode<C: Collection<UInt8>>(bytes input: C) -> [Unicode.Scalar]? {
        let bytes = Array(input)
        var out: [Unicode.Scalar] = []
        var basicEnd = 0
        if let dash = bytes.lastIndex(of: 0x2D) {
            for c in bytes[0..<dash] {
                guard c < 0x80 else { return nil }
                out.append(Unicode.Scalar(c))
            }
            basicEnd = dash + 1
        }
        var n = initialN, i = 0, bias = initialBias
        var pos = basicEnd
        while pos < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard pos < bytes.count, let d = digitValue(bytes[pos]) else { return nil }
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
            let count = out.count + 1
            bias = adapt(i - oldI, numPoints: count, firstTime: oldI == 0)
            n += i / count
            if n > 0x10FFFF { return nil }
            i %= count
            guard let u = Unicode.Scalar(UInt32(n)) else { return nil }
            out.insert(u, at: i)
            i += 1
        }
        return out
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
