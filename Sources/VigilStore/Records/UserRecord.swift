import VigilCore

/// A user account as stored, password hash included; never serialise it to a client.
public struct UserRecord: Sendable, Hashable {
    /// Stable id.
    public var id: String
    /// Unique login name.
    public var username: String
    /// Name shown in the UI.
    public var displayName: String
    /// The organisation the user acts for.
    public var organisationID: String
    /// The user's role.
    public var role: Role
    /// bcrypt hash of the password.
    public var passwordHash: String
    /// UI language: `en` or `zh`.
    public var language: String
    /// A disabled user cannot log in or use tokens.
    public var disabled: Bool
    /// Creation time, epoch milliseconds.
    public var createdAt: Int64

    /// Creates a record.
    public init(
        id: String, username: String, displayName: String, organisationID: String, role: Role,
        passwordHash: String, language: String = "en", disabled: Bool = false, createdAt: Int64
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.organisationID = organisationID
        self.role = role
        self.passwordHash = passwordHash
        self.language = language
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// The principal this user acts as.
    public var principal: Principal {
        Principal(userID: id, username: username, organisationID: organisationID, role: role)
    }
}
