/// Per-source settings of a format, from the source's configuration (e.g. a CSV column map:
/// `value_column: url`). Keys are snake_case; formats that need none ignore them.
public typealias FeedOptions = [String: String]

/// A source's format settings that the format cannot use.
public struct FeedOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The option at fault.
    public let option: String
    /// Why.
    public let message: String

    /// Creates an error.
    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }

    public var description: String { "format option \(option): \(message)" }
}

/// A format that a source can be configured with.
public protocol ConfigurableFeedFormat: FeedFormat {
    /// Builds the parser for one run of a source.
    init(options: FeedOptions) throws(FeedOptionsError)
}
