/// Why a raw value could not be parsed as an indicator.
///
/// `input` is safe to print in logs: it is cut to 100 characters and every control,
/// format or separator character in it is escaped (`\n`, `\u{202E}`, …).
/// Offsets in `reason` are UTF-8 byte offsets into the raw input as given
/// (before trimming); for `IndicatorValue(detecting:)` of defanged input they refer
/// to the refanged text.
public struct IndicatorParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending value, truncated and escaped so that it is safe to log.
    public let input: String
    /// The type the value was parsed as, if one had been chosen.
    public let type: IndicatorType?
    /// The precise reason.
    public let reason: Reason

    /// Creates an error; `input` is truncated and escaped here.
    public init(input: String, type: IndicatorType?, reason: Reason) {
        self.input = Self.sanitise(input)
        self.type = type
        self.reason = reason
    }

    /// A human-readable message, e.g. `invalid ipv4 "1.2.3.04": leading zero in octet 4`.
    public var description: String {
        "invalid \(type?.rawValue ?? "indicator") \"\(input)\": \(reason)"
    }

    /// The precise reasons a value is rejected.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// Nothing left after trimming ASCII whitespace.
        case empty
        /// The input (or a bounded part such as a URL) exceeds `max` UTF-8 bytes.
        case tooLong(max: Int)
        /// A C0/C1 control character or DEL at this byte offset.
        case controlCharacter(offset: Int)
        /// A character not allowed at this byte offset.
        case invalidCharacter(Character, offset: Int)
        /// An IPv4 address did not have exactly four dot-separated parts.
        case octetCount(got: Int)
        /// IPv4 octet number `octet` (1-based) is empty.
        case emptyOctet(octet: Int)
        /// IPv4 octet `octet` has a leading zero (`010` is octal to some parsers).
        case leadingZero(octet: Int)
        /// IPv4 octet `octet` is greater than 255.
        case octetOutOfRange(octet: Int)
        /// An IPv6 group is empty (a stray single `:`).
        case emptyGroup
        /// An IPv6 group has more than four hex digits.
        case groupTooLong
        /// An IPv6 address has more than eight groups (or `::` standing for none).
        case tooManyGroups
        /// An IPv6 address has fewer than eight groups and no `::`.
        case tooFewGroups
        /// `::` appears more than once.
        case multipleDoubleColon
        /// An embedded IPv4 address is not in the last 32 bits.
        case misplacedIPv4
        /// A `[` without its `]` or the reverse.
        case unbalancedBracket
        /// IPv6 zone identifiers (`fe80::1%eth0`) are local to one host and not indicators.
        case zoneIdNotAllowed
        /// A CIDR value without `/n`.
        case missingPrefixLength
        /// The prefix length is not a decimal number in range without leading zeros.
        case badPrefixLength
        /// A domain name has an empty label (`a..b`, leading dot).
        case emptyLabel
        /// A label is longer than 63 bytes (after punycode encoding).
        case labelTooLong
        /// A name is longer than 253 bytes (after punycode encoding).
        case nameTooLong
        /// A label starts or ends with a hyphen.
        case hyphenPlacement
        /// A single-label name where at least two labels are required.
        case singleLabel
        /// The last label is all digits (looks like an IP address, not a domain).
        case numericTopLevelLabel
        /// An `xn--` label is not valid, canonical punycode of an allowed label.
        case badPunycode
        /// A label mixes Latin with Cyrillic or Greek letters (homograph).
        case mixedScripts
        /// A URL without `scheme://`.
        case missingScheme
        /// A URL scheme other than http, https or ftp.
        case unsupportedScheme
        /// A URL scheme not followed by `//`.
        case missingAuthority
        /// A URL or e-mail address without a host.
        case emptyHost
        /// A port that is not a number in 1…65535.
        case badPort
        /// A `%` not followed by two hex digits, or percent-encoding that is not UTF-8.
        case badPercentEncoding(offset: Int)
        /// A host form Vigil does not accept (IPvFuture `[v1.x]`).
        case unsupportedHost
        /// An e-mail address without `@`.
        case missingAt
        /// An e-mail address with nothing before `@`.
        case emptyLocalPart
        /// An e-mail local part longer than 64 bytes.
        case localPartTooLong
        /// A dot at the start or end of an e-mail local part, or two in a row.
        case dotPlacement
        /// Quoted-string local parts (`"a b"@example.com`) are not supported.
        case quotedLocalPart
        /// A hash with the wrong number of hex digits for its algorithm.
        case badHexLength(expected: Int, got: Int)
        /// A hash whose length is none of 32, 40 or 64 hex digits.
        case unknownHashLength(got: Int)
        /// `AS` without a number.
        case missingNumber
        /// An AS number outside 1…4294967295 (AS0 is reserved, RFC 7607).
        case asnOutOfRange

        /// A short lower-case explanation.
        public var description: String {
            switch self {
            case .empty: "empty value"
            case .tooLong(let max): "longer than \(max) bytes"
            case .controlCharacter(let o): "control character at byte \(o)"
            case .invalidCharacter(let c, let o):
                "invalid character '\(IndicatorParseError.sanitise(String(c)))' "
                    + "(\(c.unicodeScalars.map { "U+" + hex4($0.value) }.joined(separator: " "))) at byte \(o)"
            case .octetCount(let n): "expected 4 octets, got \(n)"
            case .emptyOctet(let n): "octet \(n) is empty"
            case .leadingZero(let n): "leading zero in octet \(n)"
            case .octetOutOfRange(let n): "octet \(n) is greater than 255"
            case .emptyGroup: "empty group (stray ':')"
            case .groupTooLong: "group with more than 4 hex digits"
            case .tooManyGroups: "more than 8 groups"
            case .tooFewGroups: "fewer than 8 groups and no '::'"
            case .multipleDoubleColon: "'::' used more than once"
            case .misplacedIPv4: "embedded IPv4 address must be the last 32 bits"
            case .unbalancedBracket: "unbalanced '[' or ']'"
            case .zoneIdNotAllowed: "zone identifiers ('%…') are not allowed"
            case .missingPrefixLength: "missing '/prefix-length'"
            case .badPrefixLength: "prefix length must be a decimal number in range without leading zeros"
            case .emptyLabel: "empty label"
            case .labelTooLong: "label longer than 63 bytes"
            case .nameTooLong: "name longer than 253 bytes"
            case .hyphenPlacement: "label starts or ends with '-'"
            case .singleLabel: "single-label name (need at least two labels)"
            case .numericTopLevelLabel: "last label is numeric"
            case .badPunycode: "invalid punycode label"
            case .mixedScripts: "label mixes Latin with Cyrillic or Greek letters"
            case .missingScheme: "missing scheme (expected http://, https:// or ftp://)"
            case .unsupportedScheme: "unsupported scheme (expected http, https or ftp)"
            case .missingAuthority: "missing '//' after the scheme"
            case .emptyHost: "empty host"
            case .badPort: "port must be a number in 1…65535"
            case .badPercentEncoding(let o): "bad percent-encoding at byte \(o)"
            case .unsupportedHost: "unsupported host form"
            case .missingAt: "missing '@'"
            case .emptyLocalPart: "empty local part"
            case .localPartTooLong: "local part longer than 64 bytes"
            case .dotPlacement: "dot at the start or end of the local part, or two dots in a row"
            case .quotedLocalPart: "quoted local parts are not supported"
            case .badHexLength(let e, let g): "expected \(e) hex digits, got \(g)"
            case .unknownHashLength(let g): "\(g) hex digits is not an MD5 (32), SHA-1 (40) or SHA-256 (64) length"
            case .missingNumber: "missing AS number"
            case .asnOutOfRange: "AS number must be in 1…4294967295"
            }
        }
    }

    /// Truncates to 100 characters and escapes quotes, backslashes and invisible characters.
    static func sanitise(_ s: String) -> String {
        var out = ""
        var n = 0
        for ch in s {
            if n == 100 { out += "…"; break }
            n += 1
            for u in ch.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    switch u.properties.generalCategory {
                    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate,
                         .privateUse, .unassigned:
                        out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
                    case .spaceSeparator where u != " ":
                        out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
                    default: out.unicodeScalars.append(u)
                    }
                }
            }
        }
        return out
    }
}

/// Four or more upper-case hex digits, as in `U+00E9`.
private func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}

/// The internal error thrown by the byte-level parsers; wrapped with input and type at the API edge.
struct IndicatorFailure: Error {
    let reason: IndicatorParseError.Reason
    init(_ reason: IndicatorParseError.Reason) { self.reason = reason }
}
