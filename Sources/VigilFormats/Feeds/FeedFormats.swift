/// Every feed format Vigil reads, by the name `vigil ingest --format NAME` takes.
public enum FeedFormats {
    /// The formats, generic ones first.
    public static let all: [any ConfigurableFeedFormat.Type] = [
        PlainFormat.self, CSVFormat.self, JSONLinesFormat.self, STIXFormat.self, MISPFormat.self,
        URLhausFormat.self, FeodoFormat.self, ThreatFoxFormat.self, SpamhausDropFormat.self, FireHOLNetsetFormat.self,
        BlocklistDeFormat.self, OpenPhishFormat.self, PhishTankJSONFormat.self, DShieldBlockFormat.self,
        EmergingThreatsCompromisedFormat.self,
    ]

    /// The format names, in order.
    public static var names: [String] { all.map { $0.name } }

    /// A format that Vigil does not know.
    public struct UnknownFormat: Error, Sendable, CustomStringConvertible {
        /// The name asked for.
        public let name: String
        public var description: String {
            "unknown format \"\(name.prefix(60))\"; known: \(FeedFormats.names.joined(separator: ", "))"
        }
    }

    /// A parser for `name` configured with `options`.
    public static func make(_ name: String, options: FeedOptions = [:]) throws -> any FeedFormat {
        guard let type = all.first(where: { $0.name == name }) else { throw UnknownFormat(name: name) }
        return try type.init(options: options)
    }
}
