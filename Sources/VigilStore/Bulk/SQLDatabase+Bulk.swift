import SQLKit

/// A column of a bulk statement: its name and whether its JSON field holds an integer.
public struct BulkColumn: Sendable, ExpressibleByStringLiteral {
    /// The column's name.
    public let name: String
    /// The field holds an integer (PostgreSQL needs the cast; SQLite reads JSON numbers as integers).
    public let isInteger: Bool

    /// A column.
    public init(_ name: String, integer: Bool = false) {
        self.name = name
        self.isInteger = integer
    }

    /// A text column.
    public init(stringLiteral name: String) {
        self.init(name)
    }
}

extension SQLDatabase {
    /// Inserts `rows`, whose fields follow `columns`, with one statement and one bound parameter.
    func insert(
        into table: String, _ columns: [BulkColumn], rows: BulkRows, ignoringConflicts: Bool = false
    ) async throws {
        guard rows.count > 0 else { return }
        let names = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
        let sql: SQLQueryString
        if isPostgres {
            let fields = columns.enumerated().map { index, column in
                column.isInteger ? "(e ->> \(index))::bigint" : "e ->> \(index)"
            }.joined(separator: ", ")
            let conflict = ignoringConflicts ? " ON CONFLICT DO NOTHING" : ""
            sql = """
                INSERT INTO "\(unsafeRaw: table)" (\(unsafeRaw: names)) SELECT \(unsafeRaw: fields) \
                FROM json_array_elements(\(bind: rows.json)::json) AS e\(unsafeRaw: conflict)
                """
        } else {
            let fields = columns.indices.map { "value ->> \($0)" }.joined(separator: ", ")
            let verb = ignoringConflicts ? "INSERT OR IGNORE" : "INSERT"
            sql = """
                \(unsafeRaw: verb) INTO "\(unsafeRaw: table)" (\(unsafeRaw: names)) SELECT \(unsafeRaw: fields) \
                FROM jsonb_each(\(bind: rows.json))
                """
        }
        try await raw(sql).run()
    }

    /// A subquery listing `values`, for `column IN (…)`: one bound JSON array, whatever the count.
    func list(_ values: [String]) -> SQLQueryString {
        let array = BulkRows.jsonArray(values)
        return isPostgres
            ? "SELECT json_array_elements_text(\(bind: array)::json)"
            : "SELECT value FROM json_each(\(bind: array))"
    }

    /// Whether this database speaks PostgreSQL's SQL (otherwise SQLite's).
    var isPostgres: Bool { dialect.name == "postgresql" }
}
