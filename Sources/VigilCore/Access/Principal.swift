/// The authenticated party behind a request: who, for which organisation, in which role.
public struct Principal: Sendable, Hashable, Codable {
    /// The user's id.
    public let userID: String
    /// The user's login name.
    public let username: String
    /// The organisation the user acts for.
    public let organisationID: String
    /// The user's role.
    public let role: Role

    /// Creates a principal.
    public init(userID: String, username: String, organisationID: String, role: Role) {
        self.userID = userID
        self.username = username
        self.organisationID = organisationID
        self.role = role
    }
}
