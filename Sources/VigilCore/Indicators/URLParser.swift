// The byte-level URL canonicaliser behind `URLValue` (see its documentation for the rules).

private enum URLScheme {
    case http, https, ftp

    var name: StaticString {
        switch self {
        case .http: "http"
        case .https: "https"
        case .ftp: "ftp"
        }
    }

    var defaultPort: Int {
        switch self {
        case .http: 80
        case .https: 443
        case .ftp: 21
        }
    }

    /// Matches the scheme bytes case-insensitively.
    static func match(_ p: IndicatorBytes, _ len: Int) -> URLScheme? {
        func eq(_ s: StaticString) -> Bool {
            guard s.utf8CodeUnitCount == len else { return false }
            for k in 0..<len where asciiLower(p[k]) != s.utf8Start[k] { return false }
            return true
        }
        if eq("http") { return .http }
        if eq("https") { return .https }
        if eq("ftp") { return .ftp }
        return nil
    }
}

private enum URLComponent { case userinfo, path, query }

/// RFC 3986 unreserved: `A-Z a-z 0-9 - . _ ~`.
@inline(__always) func isUnreservedByte(_ b: UInt8) -> Bool {
    isASCIIAlpha(b) || isASCIIDigit(b) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
}

/// RFC 3986 sub-delims: `! $ & ' ( ) * + , ; =`.
@inline(__always) private func isSubDelim(_ b: UInt8) -> Bool {
    switch b {
    case 0x21, 0x24, 0x26...0x2C, 0x3B, 0x3D: true
    default: false
    }
}

@inline(__always) private func isAllowed(_ b: UInt8, in c: URLComponent) -> Bool {
    if isUnreservedByte(b) || isSubDelim(b) || b == 0x3A { return true }
    switch c {
    case .userinfo: return false
    case .path: return b == 0x40 || b == 0x2F
    case .query: return b == 0x40 || b == 0x2F || b == 0x3F
    }
}

/// Percent-normalises `p[range]` into `w` (decode unreserved, upper-case hex, encode the rest).
private func appendNormalised(_ p: IndicatorBytes, _ range: Range<Int>, base: Int, _ c: URLComponent,
                              into w: inout ByteWriter) throws(IndicatorFailure) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
        let b = p[i]
        if b == 0x25 {
            guard i + 2 < end, let h = asciiHexValue(p[i + 1]), let l = asciiHexValue(p[i + 2]) else {
                throw IndicatorFailure(.badPercentEncoding(offset: base + i))
            }
            let v = h << 4 | l
            if isUnreservedByte(v) { w.append(v) } else { w.appendPercentEncoded(v) }
            i += 3
            continue
        }
        if b == 0x20 { throw invalidCharacterFailure(p, i, base: base) }
        if isAllowed(b, in: c) { w.append(b) } else { w.appendPercentEncoded(b) }
        i += 1
    }
}

extension ByteWriter {
    /// RFC 3986 §5.2.4 remove_dot_segments, in place on the absolute path written since `start`.
    mutating func removeDotSegments(from start: Int) {
        let end = count
        let b = buffer
        var r = start
        var out = start
        while r < end {
            let segStart = r + 1
            var segEnd = segStart
            while segEnd < end && b[segEnd] != 0x2F { segEnd += 1 }
            let len = segEnd - segStart
            let isLast = segEnd == end
            if len == 1 && b[segStart] == 0x2E {
                if isLast { b[out] = 0x2F; out += 1 }
            } else if len == 2 && b[segStart] == 0x2E && b[segStart + 1] == 0x2E {
                while out > start {
                    out -= 1
                    if b[out] == 0x2F { break }
                }
                if isLast { b[out] = 0x2F; out += 1 }
            } else {
                b[out] = 0x2F
                out += 1
                var k = segStart
                while k < segEnd { b[out] = b[k]; out += 1; k += 1 }
            }
            r = segEnd
        }
        if out == start { b[out] = 0x2F; out += 1 }
        truncate(to: out)
    }
}

/// Writes the canonical host (IPv4 or domain; percent-decoded first) and returns its kind.
private func appendHost(
    _ host: IndicatorBytes, base: Int, rules: DomainRules, into w: inout ByteWriter
) throws(IndicatorFailure) -> URLValue.HostKind {
    if host.contains(0x25) {
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: host.count) {
            (tmp) throws(IndicatorFailure) -> URLValue.HostKind in
            var d = ByteWriter(tmp)
            var i = 0
            while i < host.count {
                if host[i] == 0x25 {
                    guard i + 2 < host.count, let h = asciiHexValue(host[i + 1]),
                          let l = asciiHexValue(host[i + 2]) else {
                        throw IndicatorFailure(.badPercentEncoding(offset: base + i))
                    }
                    d.append(h << 4 | l)
                    i += 3
                } else {
                    d.append(host[i])
                    i += 1
                }
            }
            for k in 0..<d.count where d.buffer[k] < 0x21 || d.buffer[k] == 0x7F || d.buffer[k] == 0x25 {
                throw IndicatorFailure(.invalidCharacter(Character(Unicode.Scalar(d.buffer[k])), offset: base))
            }
            if !isWellFormedUTF8(d.written) { throw IndicatorFailure(.badPercentEncoding(offset: base)) }
            return try appendPlainHost(d.written, base: base, rules: rules, into: &w)
        }
    }
    return try appendPlainHost(host, base: base, rules: rules, into: &w)
}

private func appendPlainHost(
    _ host: IndicatorBytes, base: Int, rules: DomainRules, into w: inout ByteWriter
) throws(IndicatorFailure) -> URLValue.HostKind {
    var numeric = true
    for b in host where !(isASCIIDigit(b) || b == 0x2E) {
        numeric = false
        break
    }
    if numeric {
        var h = host
        if h.count > 1 && h[h.count - 1] == 0x2E { h = IndicatorBytes(rebasing: h[0..<(h.count - 1)]) }
        w.appendIPv4(try parseIPv4(h, base: base))
        return .ipv4
    }
    try parseDomain(host, base: base, rules: rules, into: &w)
    return .domain
}

/// Parses and canonicalises a URL from its trimmed bytes.
func parseURL(_ p: IndicatorBytes, base: Int, rules: DomainRules) throws(IndicatorFailure) -> URLValue {
    let n = p.count
    if n > URLValue.maxInputLength { throw IndicatorFailure(.tooLong(max: URLValue.maxInputLength)) }
    var i = 0
    while i < n {
        let b = p[i]
        if !(isASCIIAlpha(b) || (i > 0 && (isASCIIDigit(b) || b == 0x2B || b == 0x2D || b == 0x2E))) { break }
        i += 1
    }
    guard i > 0, i < n, p[i] == 0x3A else { throw IndicatorFailure(.missingScheme) }
    let hasSlashes = i + 2 < n && p[i + 1] == 0x2F && p[i + 2] == 0x2F
    guard let scheme = URLScheme.match(p, i) else {
        // `example.com:8080/x` and `localhost:8080` are a host and port without a scheme.
        let hostLike = p[0..<i].contains(0x2E) || (i + 1 < n && isASCIIDigit(p[i + 1]))
        throw IndicatorFailure(hostLike && !hasSlashes ? .missingScheme : .unsupportedScheme)
    }
    guard hasSlashes else { throw IndicatorFailure(.missingAuthority) }
    let authStart = i + 3
    var authEnd = authStart
    while authEnd < n && p[authEnd] != 0x2F && p[authEnd] != 0x3F && p[authEnd] != 0x23 {
        // Browsers end the authority at `\`; to avoid a host that differs from theirs, reject it.
        if p[authEnd] == 0x5C { throw invalidCharacterFailure(p, authEnd, base: base) }
        authEnd += 1
    }
    var at = -1
    for j in authStart..<authEnd where p[j] == 0x40 { at = j }
    let hostPortStart = at >= 0 ? at + 1 : authStart

    return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * n + 320) {
        (buf) throws(IndicatorFailure) -> URLValue in
        var w = ByteWriter(buf)
        w.append(scheme.name)
        let schemeEnd = w.count
        w.append("://" as StaticString)
        if at > authStart {
            try appendNormalised(p, authStart..<at, base: base, .userinfo, into: &w)
            w.append(0x40)
        }
        let kind: URLValue.HostKind
        let hostRange: Range<Int>
        var portStart = -1
        if hostPortStart < authEnd && p[hostPortStart] == 0x5B {
            var close = hostPortStart + 1
            while close < authEnd && p[close] != 0x5D { close += 1 }
            guard close < authEnd else { throw IndicatorFailure(.unbalancedBracket) }
            let inner = (hostPortStart + 1)..<close
            if !inner.isEmpty && asciiLower(p[inner.lowerBound]) == 0x76 { throw IndicatorFailure(.unsupportedHost) }
            let (h, l) = try parseIPv6(IndicatorBytes(rebasing: p[inner]), base: base + inner.lowerBound)
            w.append(0x5B)
            let hs = w.count
            w.appendIPv6(IPv6Address(high: h, low: l))
            hostRange = hs..<w.count
            w.append(0x5D)
            if close + 1 < authEnd {
                guard p[close + 1] == 0x3A else { throw invalidCharacterFailure(p, close + 1, base: base) }
                portStart = close + 2
            }
            kind = .ipv6
        } else {
            var c = hostPortStart
            while c < authEnd && p[c] != 0x3A { c += 1 }
            if c == hostPortStart { throw IndicatorFailure(.emptyHost) }
            if c < authEnd { portStart = c + 1 }
            let hs = w.count
            let host = IndicatorBytes(rebasing: p[hostPortStart..<c])
            kind = try appendHost(host, base: base + hostPortStart, rules: rules, into: &w)
            hostRange = hs..<w.count
        }
        var port: UInt16?
        if portStart >= 0 && portStart < authEnd {
            var v = 0
            for j in portStart..<authEnd {
                guard isASCIIDigit(p[j]) else { throw IndicatorFailure(.badPort) }
                v = v * 10 + Int(p[j] &- 0x30)
                if v > 65535 { throw IndicatorFailure(.badPort) }
            }
            if v == 0 { throw IndicatorFailure(.badPort) }
            if v != scheme.defaultPort {
                port = UInt16(v)
                w.append(0x3A)
                w.appendDecimal(UInt32(v))
            }
        }
        let pathStart = w.count
        var pathEnd = authEnd
        while pathEnd < n && p[pathEnd] != 0x3F && p[pathEnd] != 0x23 { pathEnd += 1 }
        if pathEnd == authEnd {
            w.append(0x2F)
        } else {
            try appendNormalised(p, authEnd..<pathEnd, base: base, .path, into: &w)
            w.removeDotSegments(from: pathStart)
        }
        var queryStart: Int?
        if pathEnd < n && p[pathEnd] == 0x3F {
            var qEnd = pathEnd + 1
            while qEnd < n && p[qEnd] != 0x23 { qEnd += 1 }
            if qEnd > pathEnd + 1 {
                w.append(0x3F)
                queryStart = w.count
                try appendNormalised(p, (pathEnd + 1)..<qEnd, base: base, .query, into: &w)
            }
        }
        return URLValue(canonical: w.makeString(), hostKind: kind, port: port, schemeEnd: schemeEnd,
                        hostRange: hostRange, pathStart: pathStart, queryStart: queryStart)
    }
}
