import HummingbirdBcrypt

/// Password hashing with bcrypt and the rules a new password must meet.
public struct PasswordPolicy: Sendable {
    /// bcrypt work factor.
    public let cost: UInt8

    /// Fewest characters a new password may have.
    public static let minimumLength = 10
    /// bcrypt reads only the first 72 bytes; longer passwords would silently be truncated.
    public static let maximumBytes = 72

    /// Creates a policy with the given bcrypt cost (4…31).
    public init(cost: Int) { self.cost = UInt8(min(max(cost, 4), 31)) }

    /// Checks a new password and hashes it.
    public func hash(_ password: String) throws(ServiceError) -> String {
        guard password.count >= Self.minimumLength else {
            throw .invalid(field: "password", message: "must have at least \(Self.minimumLength) characters")
        }
        guard password.utf8.count <= Self.maximumBytes else {
            throw .invalid(field: "password", message: "must be at most \(Self.maximumBytes) bytes")
        }
        return Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`.
    public func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= Self.maximumBytes else { return false }
        return Bcrypt.verify(password, hash: hash)
    }
}
