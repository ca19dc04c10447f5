import Foundation

/// Everything wrong with a configuration file and the environment, found in one pass.
///
/// Each ``Problem`` names the file, the 1-based line, and the dotted key path, so the
/// description reads like a compiler diagnostic:
///
///     vigil.yaml:7: server.listen: port 99999 out of range 1…65535
///     vigil.yaml:3: unknown key "datbase" (did you mean "database"?)
///     environment: VIGIL_BCRYPT_COST: expected an integer, got "high"
public struct ConfigurationError: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
    /// One thing wrong with the configuration.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The configuration file, as given; `nil` when the problem is in an environment variable.
        public var file: String?
        /// The 1-based line in `file`, when known.
        public var line: Int?
        /// The 1-based column in `file`; set for YAML syntax errors only.
        public var column: Int?
        /// The dotted key path (`server.listen`, `sources[2].url`) or the environment variable name.
        public var key: String?
        /// What is wrong, for a person.
        public var message: String

        /// Creates a problem.
        public init(file: String?, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.key = key
            self.message = message
        }

        /// `file:line[:column]: key: message`, or `environment: VARIABLE: message`.
        public var description: String {
            var text = file ?? "environment"
            if let line { text += ":\(line)" }
            if line != nil, let column { text += ":\(column)" }
            text += ": "
            if let key { text += "\(key): " }
            return text + message
        }
    }

    /// A value that could not be parsed or is out of bounds; the message does not name the key.
    ///
    /// Thrown by the value parsers (``VigilConfiguration/ListenAddress/init(parsing:)``,
    /// ``VigilConfiguration/Database/validateURL(_:)``) and turned into a ``Problem`` by the
    /// loader, which adds where the value came from.
    public struct InvalidValue: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong with the value.
        public var message: String

        /// Creates an invalid-value error.
        public init(_ message: String) {
            self.message = message
        }

        /// The message.
        public var description: String { message }
    }

    /// The problems, in the order found: file problems in document order, then the environment.
    public var problems: [Problem]

    /// Creates an error from its problems.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }

    /// Same as ``description``, for code that prints `localizedDescription`.
    public var errorDescription: String? { description }
}
