import SQLKit
import VigilCore

/// A stored value that cannot be read back as its type: a sign of a damaged or foreign database.
public struct CorruptRowError: Error, Sendable, CustomStringConvertible {
    /// The table.
    public let table: String
    /// The column.
    public let column: String
    /// The value found.
    public let value: String

    public var description: String { "table \(table), column \(column): unreadable value \"\(value.prefix(60))\"" }
}

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func int(_ column: String) throws -> Int { Int(try int64(column)) }
    func bool(_ column: String) throws -> Bool { try int64(column) != 0 }

    /// Decodes a column holding a `RawRepresentable` enum's raw string.
    func enumValue<E: RawRepresentable>(_ column: String, table: String, as _: E.Type) throws -> E where E.RawValue == String {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else { throw CorruptRowError(table: table, column: column, value: raw) }
        return value
    }
}
