import VigilCore

/// Why one record of an organisation import was rejected: where, which field, what.
public struct OrganisationImportProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the record is.
    public enum Position: Sendable, Hashable, CustomStringConvertible {
        /// A line of a CSV file (1-based, the header is line 1).
        case line(Int)
        /// An element of a JSON array (1-based).
        case item(Int)

        public var description: String {
            switch self {
            case .line(let n): "line \(n)"
            case .item(let n): "item \(n)"
            }
        }
    }

    /// The record's position.
    public var position: Position
    /// The field at fault, nil for the record as a whole.
    public var field: String?
    /// What is wrong.
    public var message: String

    /// A problem.
    public init(_ position: Position, field: String?, _ message: String) {
        self.position = position
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(position), field \(field): \(message)" }
        return "\(position): \(message)"
    }
}

/// What an organisation import read: the good records with their positions, and every problem.
public struct OrganisationImport: Sendable {
    /// Accepted records in input order.
    public var profiles: [(position: OrganisationImportProblem.Position, profile: OrganisationProfile)] = []
    /// Rejected records' problems, every field of a record reported.
    public var problems: [OrganisationImportProblem] = []

    /// An empty result.
    public init() {}
}
