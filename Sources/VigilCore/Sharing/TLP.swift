/// Traffic Light Protocol 2.0 label, ordered from least to most restrictive.
///
/// `CLEAR < GREEN < AMBER < AMBER+STRICT < RED`; comparison answers "is this label
/// at least as restrictive as that one".
public enum TLP: String, Codable, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case clear = "CLEAR"
    case green = "GREEN"
    case amber = "AMBER"
    case amberStrict = "AMBER+STRICT"
    case red = "RED"

    /// Position in the order of restriction, 0 for CLEAR up to 4 for RED.
    public var rank: Int {
        switch self {
        case .clear: 0
        case .green: 1
        case .amber: 2
        case .amberStrict: 3
        case .red: 4
        }
    }

    /// The label with the given rank, if any.
    public init?(rank: Int) {
        guard let label = TLP.allCases.first(where: { $0.rank == rank }) else { return nil }
        self = label
    }

    /// Parses a label leniently: any case, with or without the `TLP:` prefix; `WHITE` is read as CLEAR (TLP 1.0).
    public init(parsing raw: String) throws(TLPParseError) {
        var text = raw.trimmingASCIIWhitespace().uppercased()
        if text.hasPrefix("TLP:") { text.removeFirst(4) }
        if text == "WHITE" { text = "CLEAR" }
        if text == "AMBER STRICT" || text == "AMBER_STRICT" { text = "AMBER+STRICT" }
        guard let label = TLP(rawValue: text) else { throw TLPParseError(input: raw) }
        self = label
    }

    /// The label as written in TLP 2.0 text, e.g. `TLP:AMBER+STRICT`.
    public var description: String { "TLP:\(rawValue)" }

    public static func < (lhs: TLP, rhs: TLP) -> Bool { lhs.rank < rhs.rank }
}

/// A string that is not a TLP 2.0 label.
public struct TLPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rejected text, shortened for safe printing.
    public let input: String

    init(input: String) { self.input = String(input.prefix(40)) }

    public var description: String {
        "invalid TLP label \"\(input)\": expected CLEAR, GREEN, AMBER, AMBER+STRICT or RED"
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
