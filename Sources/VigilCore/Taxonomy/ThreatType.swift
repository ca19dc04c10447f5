/// The fixed threat taxonomy of SPEC C1: what kind of harm an indicator stands for.
public enum ThreatType: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    case malwareDistribution = "malware-distribution"
    case c2
    case phishing
    case scanner
    case spam
    case ddosSource = "ddos-source"
    case exploit
    case compromised
    case vulnerable
    case other

    /// Parses a taxonomy name, accepting any case and `_` for `-`.
    public init(parsing raw: String) throws(ThreatTypeParseError) {
        let text = String(raw.trimmingASCIIWhitespace().lowercased().map { $0 == "_" ? "-" : $0 })
        guard let value = ThreatType(rawValue: text) else { throw ThreatTypeParseError(input: raw) }
        self = value
    }

    public var description: String { rawValue }
}

/// A string that is not in the threat taxonomy.
public struct ThreatTypeParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rejected text, shortened for safe printing.
    public let input: String

    init(input: String) { self.input = String(input.prefix(40)) }

    public var description: String {
        "invalid threat type \"\(input)\": expected one of "
            + ThreatType.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
