/// What Vigil knows about an organisation of the constituency: who it is, what it owns and
/// how to reach it (SPEC C5). Values only; the store adds ids and times.
public struct OrganisationProfile: Sendable, Hashable {
    /// Unique display name.
    public var name: String
    /// ISO 3166-1 alpha-2 country code (upper case), or empty.
    public var country: String
    /// Sector, free text ("energy", "water", "telecom"…).
    public var sector: String
    /// Operator of critical infrastructure.
    public var criticalInfrastructure: Bool
    /// Protection level 1 (lowest) to 5.
    public var protectionLevel: Int
    /// Language of its notices.
    public var language: NoticeLanguage
    /// How its notices are aggregated.
    public var noticePeriod: NoticePeriod
    /// Autonomous systems it operates.
    public var asns: [ASNumber]
    /// IPv4 networks it holds.
    public var prefixes4: [IPv4Network]
    /// IPv6 networks it holds.
    public var prefixes6: [IPv6Network]
    /// Domains it holds, with their subdomains.
    public var domains: [DomainName]
    /// Abuse contacts that receive notices by e-mail.
    public var contacts: [EmailAddress]
    /// HTTPS (or, on loopback, HTTP) endpoint that receives notices as signed JSON.
    public var webhookURL: String?
    /// Shared secret for the webhook's HMAC-SHA256 signature.
    public var webhookSecret: String?

    /// Allowed protection levels.
    public static let protectionLevels = 1...5

    /// A profile; only the name is required.
    public init(
        name: String, country: String = "", sector: String = "", criticalInfrastructure: Bool = false,
        protectionLevel: Int = 1, language: NoticeLanguage = .en, noticePeriod: NoticePeriod = .daily,
        asns: [ASNumber] = [], prefixes4: [IPv4Network] = [], prefixes6: [IPv6Network] = [],
        domains: [DomainName] = [], contacts: [EmailAddress] = [], webhookURL: String? = nil, webhookSecret: String? = nil
    ) {
        self.name = name
        self.country = country
        self.sector = sector
        self.criticalInfrastructure = criticalInfrastructure
        self.protectionLevel = protectionLevel
        self.language = language
        self.noticePeriod = noticePeriod
        self.asns = asns
        self.prefixes4 = prefixes4
        self.prefixes6 = prefixes6
        self.domains = domains
        self.contacts = contacts
        self.webhookURL = webhookURL
        self.webhookSecret = webhookSecret
    }
}
