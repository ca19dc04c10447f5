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
        let (verb, conflict) = isPostgres
            ? ("INSERT", ignoringConflicts ? " ON CONFLICT DO NOTHING" : "")
            : (ignoringConflicts ? "INSERT OR IGNORE" : "INSERT", "")
        // The rows' SELECT goes straight into the INSERT, not as a subquery: SQLite runs a bulk
        // import about 15 % slower through one.
        try await raw("""
            \(unsafeRaw: verb) INTO "\(unsafeRaw: table)" (\(unsafeRaw: names)) \(rowsSource(rows, columns))\(unsafeRaw: conflict)
            """).run()
    }

    /// `rows` as a subquery with one column per entry of `columns`, named after it: the one way the
    /// stores read a batch back from its single JSON bind (`jsonb_each` on SQLite,
    /// `json_array_elements` on PostgreSQL, which needs the integer casts).
    func rowsSource(_ rows: BulkRows, _ columns: [BulkColumn]) -> SQLQueryString {
        let fields = columns.enumerated().map { index, column in
            if isPostgres {
                return column.isInteger ? "(e ->> \(index))::bigint AS \"\(column.name)\"" : "e ->> \(index) AS \"\(column.name)\""
            }
            return "value ->> \(index) AS \"\(column.name)\""
        }.joined(separator: ", ")
        return isPostgres
            ? "SELECT \(unsafeRaw: fields) FROM json_array_elements(\(bind: rows.json)::json) AS e"
            : "SELECT \(unsafeRaw: fields) FROM jsonb_each(\(bind: rows.json))"
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
