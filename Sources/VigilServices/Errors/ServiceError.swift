/// What went wrong in a workflow, precisely enough for an HTTP status and a clear message.
public enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The thing does not exist, or the caller may not know that it does.
    case notFound(String)
    /// The caller is known but lacks the role or the right for this.
    case forbidden(String)
    /// The request clashes with what is stored (e.g. a duplicate).
    case conflict(String)
    /// A field of the request is invalid.
    case invalid(field: String, message: String)
    /// Wrong username or password, or an unknown, expired or revoked token.
    case unauthenticated(String)
    /// Too many failed attempts; retry after this many seconds.
    case rateLimited(retryAfterSeconds: Int)

    public var description: String {
        switch self {
        case .notFound(let what): "not found: \(what)"
        case .forbidden(let why): "forbidden: \(why)"
        case .conflict(let why): "conflict: \(why)"
        case .invalid(let field, let message): "invalid \(field): \(message)"
        case .unauthenticated(let why): "not authenticated: \(why)"
        case .rateLimited(let seconds): "too many failed attempts; retry in \(seconds) s"
        }
    }
}
