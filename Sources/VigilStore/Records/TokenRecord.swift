/// An API token as stored: only the SHA-256 of its secret is kept.
public struct TokenRecord: Sendable, Codable, Hashable {
    /// Stable id, also shown in listings.
    public var id: String
    /// The owner.
    public var userID: String
    /// A label chosen by the owner.
    public var name: String
    /// Hex SHA-256 of the secret.
    public var tokenHash: String
    /// Creation time, epoch milliseconds.
    public var createdAt: Int64
    /// Expiry, epoch milliseconds, or nil for none.
    public var expiresAt: Int64?
    /// When it was revoked, if it was.
    public var revokedAt: Int64?
    /// Last successful use.
    public var lastUsedAt: Int64?

    /// Creates a record.
    public init(
        id: String, userID: String, name: String, tokenHash: String, createdAt: Int64,
        expiresAt: Int64?, revokedAt: Int64? = nil, lastUsedAt: Int64? = nil
    ) {
        self.id = id
        self.userID = userID
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// Whether the token may be used at `now`.
    public func isUsable(at now: Int64) -> Bool {
        revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
    }
}

/// A UI login session as stored: the cookie value is kept only as its SHA-256.
public struct SessionRecord: Sendable, Hashable {
    /// Hex SHA-256 of the session cookie value.
    public var idHash: String
    /// The logged-in user.
    public var userID: String
    /// The CSRF token every form of this session must carry.
    public var csrfToken: String
    /// Creation time, epoch milliseconds.
    public var createdAt: Int64
    /// Expiry, epoch milliseconds.
    public var expiresAt: Int64

    /// Creates a record.
    public init(idHash: String, userID: String, csrfToken: String, createdAt: Int64, expiresAt: Int64) {
        self.idHash = idHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
