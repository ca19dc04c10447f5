import VigilCore

/// An organisation: the CERT itself, an operator, a constituent or a partner team.
public struct OrganisationRecord: Sendable, Hashable, Encodable {
    /// Stable id.
    public var id: String
    /// Unique display name.
    public var name: String
    /// ISO 3166-1 alpha-2 country code, or empty.
    public var country: String
    /// Creation time, epoch milliseconds.
    public var createdAt: Int64
    /// Sector, free text.
    public var sector: String = ""
    /// Operator of critical infrastructure.
    public var criticalInfrastructure = false
    /// Protection level 1–5.
    public var protectionLevel = 1
    /// Language of its notices.
    public var language: NoticeLanguage = .en
    /// How its notices are aggregated.
    public var noticePeriod: NoticePeriod = .daily
    /// Webhook for notices, empty for none.
    public var webhookURL = ""
    /// The webhook's HMAC secret. Read by the notice sender only; never shown.
    public var webhookSecret = ""
    /// Last change of the profile or its resources, epoch milliseconds.
    public var updatedAt: Int64 = 0

    private enum CodingKeys: String, CodingKey {
        // The webhook secret is left out: encoded records are shown.
        case id, name, country, createdAt, sector, criticalInfrastructure, protectionLevel, language, noticePeriod, webhookURL, updatedAt
    }

    /// Creates a record with default profile fields.
    public init(id: String, name: String, country: String, createdAt: Int64) {
        self.id = id
        self.name = name
        self.country = country
        self.createdAt = createdAt
    }

    /// Creates a record from an imported profile.
    public init(id: String, profile: OrganisationProfile, createdAt: Int64, updatedAt: Int64) {
        self.init(id: id, name: profile.name, country: profile.country, createdAt: createdAt)
        sector = profile.sector
        criticalInfrastructure = profile.criticalInfrastructure
        protectionLevel = profile.protectionLevel
        language = profile.language
        noticePeriod = profile.noticePeriod
        webhookURL = profile.webhookURL ?? ""
        webhookSecret = profile.webhookSecret ?? ""
        self.updatedAt = updatedAt
    }
}

/// What an organisation holds and who receives its notices.
public struct OrganisationResources: Sendable, Hashable, Codable {
    /// AS numbers, canonical (`AS64500`).
    public var asns: [String] = []
    /// Networks, canonical CIDR.
    public var prefixes: [String] = []
    /// Domains (with their subdomains).
    public var domains: [String] = []
    /// Abuse contacts' e-mail addresses.
    public var contacts: [String] = []

    /// Empty resources.
    public init() {}

    /// The resources of an imported profile.
    public init(_ profile: OrganisationProfile) {
        asns = profile.asns.map(\.canonical)
        prefixes = profile.prefixes4.map(\.canonical) + profile.prefixes6.map(\.canonical)
        domains = profile.domains.map(\.canonical)
        contacts = profile.contacts.map(\.canonical)
    }
}
