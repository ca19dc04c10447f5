/// One versioned step of the schema. Statements are fixed DDL, never built from input.
public struct Migration: Sendable {
    /// Strictly increasing version number.
    public let version: Int
    /// A short name, recorded in `schema_migrations`.
    public let name: String
    /// The statements for the given engine.
    public let statements: @Sendable (DatabaseKind) -> [String]

    /// Creates a migration.
    public init(version: Int, name: String, statements: @escaping @Sendable (DatabaseKind) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}
