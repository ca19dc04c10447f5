import VigilCore

/// Reads a prefix-to-AS table in CAIDA's Routeviews pfx2as text format: per line a network
/// address, its prefix length and the origin AS, tab- or space-separated. Multi-origin
/// prefixes list their ASes joined by `_`, AS sets by `,`; every one of them is an origin.
///
///     1.0.0.0	24	13335
///     2001:db8::	32	64500_64501
public struct Pfx2ASReader {
    /// One announced prefix.
    public struct Route: Sendable, Hashable {
        /// The network: an IPv4Network or an IPv6Network's canonical text.
        public var prefix: String
        /// Its origin ASes.
        public var origins: [ASNumber]
    }

    /// A bad line: number and reason.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// 1-based line number.
        public var line: Int
        /// What is wrong.
        public var message: String

        public var description: String { "line \(line): \(message)" }
    }

    private var lines: LineReader
    /// Problems so far; reading goes on after each.
    public private(set) var problems: [Problem] = []

    /// A reader over `read` (chunks of the file, nil at the end).
    public init(read: @escaping () throws -> [UInt8]?) {
        lines = LineReader(maxLineBytes: 4096, read: read)
    }

    /// The next route, nil at the end of the input.
    public mutating func next() throws -> Route? {
        while let line = try lines.next() {
            guard case .text(let text) = line.content else {
                problems.append(Problem(line: line.number, message: "line is not valid UTF-8 or too long"))
                continue
            }
            let parts = text.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\r" })
            if parts.isEmpty || parts[0].hasPrefix("#") { continue }
            guard parts.count == 3 else {
                problems.append(Problem(line: line.number, message: "expected address, length and AS, found \(parts.count) fields"))
                continue
            }
            let written = "\(parts[0])/\(parts[1])"
            let prefix: String
            do {
                prefix = parts[0].contains(":") ? try IPv6Network(parsing: written).canonical : try IPv4Network(parsing: written).canonical
            } catch {
                problems.append(Problem(line: line.number, message: "\(written): \(error)"))
                continue
            }
            var origins: [ASNumber] = []
            for asn in parts[2].split(whereSeparator: { $0 == "_" || $0 == "," }) {
                guard let number = UInt32(asn), let origin = ASNumber(number) else {
                    problems.append(Problem(line: line.number, message: "\"\(asn)\" is not an AS number"))
                    origins = []
                    break
                }
                origins.append(origin)
            }
            if origins.isEmpty { continue }
            return Route(prefix: prefix, origins: origins)
        }
        return nil
    }
}
