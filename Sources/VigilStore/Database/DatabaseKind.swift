/// The SQL engines Vigil runs on.
public enum DatabaseKind: String, Sendable, CustomStringConvertible {
    /// An embedded SQLite file: the default.
    case sqlite
    /// A PostgreSQL server: production and scale-out.
    case postgres

    public var description: String { rawValue }
}

/// A database URL that Vigil cannot open.
public struct DatabaseURLError: Error, Sendable, CustomStringConvertible {
    /// What was wrong with it.
    public let message: String

    public var description: String { message }
}

/// A parsed `VIGIL_DATABASE_URL`: `sqlite:PATH` or `postgres://user:pass@host:port/db`.
public enum DatabaseLocation: Sendable, Equatable {
    /// An SQLite database file at this path.
    case sqlite(path: String)
    /// A PostgreSQL server at this URL.
    case postgres(url: String)

    /// Parses a database URL.
    public init(url: String) throws(DatabaseURLError) {
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseURLError(message: "database URL \"sqlite:\" needs a file path") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else {
            throw DatabaseURLError(message: "database URL must start with sqlite: or postgres:// (got \"\(url.redactingPassword)\")")
        }
    }

    /// The engine.
    public var kind: DatabaseKind {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The URL with any password replaced by `***`, safe for logs.
    public var redacted: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url.redactingPassword
        }
    }
}

extension String {
    /// `scheme://user:secret@host` → `scheme://user:***@host`.
    var redactingPassword: String {
        guard let schemeEnd = range(of: "://"), let at = range(of: "@", range: schemeEnd.upperBound..<endIndex),
              let colon = range(of: ":", range: schemeEnd.upperBound..<at.lowerBound) else { return self }
        return String(self[..<colon.upperBound]) + "***" + String(self[at.lowerBound...])
    }
}
