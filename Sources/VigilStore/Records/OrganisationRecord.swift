/// An organisation: the CERT itself, an operator, a constituent or a partner team.
public struct OrganisationRecord: Sendable, Codable, Hashable {
    /// Stable id.
    public var id: String
    /// Unique display name.
    public var name: String
    /// ISO 3166-1 alpha-2 country code, or empty.
    public var country: String
    /// Creation time, epoch milliseconds.
    public var createdAt: Int64

    /// Creates a record.
    public init(id: String, name: String, country: String, createdAt: Int64) {
        self.id = id
        self.name = name
        self.country = country
        self.createdAt = createdAt
    }
}
