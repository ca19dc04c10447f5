/// A file hash (MD5, SHA-1 or SHA-256) stored as up to 256 bits.
///
/// Text form: hex digits only, exactly 32, 40 or 64 of them, any case; canonical form is
/// lower case. Only surrounding whitespace is trimmed; `0x` prefixes, separators and
/// inner whitespace are rejected.
public struct FileHash: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The hash algorithms Vigil recognises.
    public enum Algorithm: String, Sendable, Hashable, Codable, CaseIterable {
        /// MD5, 128 bits.
        case md5
        /// SHA-1, 160 bits.
        case sha1
        /// SHA-256, 256 bits.
        case sha256

        /// The number of hex digits.
        public var hexLength: Int {
            switch self {
            case .md5: 32
            case .sha1: 40
            case .sha256: 64
            }
        }

        /// The matching indicator type.
        public var indicatorType: IndicatorType {
            switch self {
            case .md5: .md5
            case .sha1: .sha1
            case .sha256: .sha256
            }
        }
    }

    /// The algorithm (known from the length or given by the caller).
    public let algorithm: Algorithm
    /// The digest as big-endian 64-bit words, left-aligned; unused words are zero.
    public let words: (UInt64, UInt64, UInt64, UInt64)

    /// Parses hex; with `algorithm` nil the length decides (32 → MD5, 40 → SHA-1, 64 → SHA-256).
    public init(parsing raw: String, as algorithm: Algorithm? = nil) throws(IndicatorParseError) {
        do {
            (self.algorithm, words) = try withTrimmedInput(raw) { (p, base) throws(IndicatorFailure) in
                try parseHash(p, base: base, algorithm: algorithm)
            }
        } catch {
            throw IndicatorParseError(input: raw, type: algorithm?.indicatorType, reason: error.reason)
        }
    }

    /// The digest bytes.
    public var bytes: [UInt8] {
        let n = algorithm.hexLength / 2
        return (0..<n).map { i in
            let w = i < 8 ? words.0 : i < 16 ? words.1 : i < 24 ? words.2 : words.3
            return UInt8(truncatingIfNeeded: w >> UInt64(56 - 8 * (i & 7)))
        }
    }

    /// The canonical lower-case hex.
    public var canonical: String {
        let n = algorithm.hexLength
        return String(unsafeUninitializedCapacity: n) { buf in
            for i in 0..<n {
                let w = i < 16 ? words.0 : i < 32 ? words.1 : i < 48 ? words.2 : words.3
                let nibble = Int((w >> UInt64(60 - 4 * (i & 15))) & 0xF)
                buf[i] = lowerHexDigits.utf8Start[nibble]
            }
            return n
        }
    }

    /// Same as `canonical`.
    public var description: String { canonical }

    /// Equal when algorithm and digest are equal.
    public static func == (a: Self, b: Self) -> Bool {
        a.algorithm == b.algorithm && a.words == b.words
    }

    /// Hashes algorithm and digest.
    public func hash(into h: inout Hasher) {
        h.combine(algorithm)
        h.combine(words.0)
        h.combine(words.1)
        h.combine(words.2)
        h.combine(words.3)
    }

    /// Orders by algorithm length, then digest.
    public static func < (a: Self, b: Self) -> Bool {
        if a.algorithm != b.algorithm { return a.algorithm.hexLength < b.algorithm.hexLength }
        return a.words < b.words
    }

    /// Decodes from the text form.
    public init(from decoder: any Decoder) throws {
        self = try decodeCanonical(decoder) { try FileHash(parsing: $0) }
    }

    /// Encodes as the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(canonical)
    }
}

/// Parses hex digits into left-aligned words.
func parseHash(_ p: IndicatorBytes, base: Int, algorithm: FileHash.Algorithm?)
    throws(IndicatorFailure) -> (FileHash.Algorithm, (UInt64, UInt64, UInt64, UInt64))
{
    var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    let n = p.count
    if n <= 64 {
        for i in 0..<n {
            guard let v = asciiHexValue(p[i]) else { throw invalidCharacterFailure(p, i, base: base) }
            let shift = UInt64(60 - 4 * (i & 15))
            switch i >> 4 {
            case 0: w.0 |= UInt64(v) << shift
            case 1: w.1 |= UInt64(v) << shift
            case 2: w.2 |= UInt64(v) << shift
            default: w.3 |= UInt64(v) << shift
            }
        }
    } else {
        for i in 0..<n where asciiHexValue(p[i]) == nil { throw invalidCharacterFailure(p, i, base: base) }
    }
    if let algorithm {
        if n != algorithm.hexLength { throw IndicatorFailure(.badHexLength(expected: algorithm.hexLength, got: n)) }
        return (algorithm, w)
    }
    switch n {
    case 32: return (.md5, w)
    case 40: return (.sha1, w)
    case 64: return (.sha256, w)
    default: throw IndicatorFailure(.unknownHashLength(got: n))
    }
}
