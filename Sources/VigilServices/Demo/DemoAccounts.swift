import VigilCore

/// The organisations and logins of the demo data set. Documentation names only (`.example`, `.test`).
public enum DemoAccounts {
    /// A demo organisation.
    public struct Organisation: Sendable {
        /// Fixed id, so links in the README work on every machine.
        public let id: String
        /// Name.
        public let name: String
        /// Country code.
        public let country: String
    }

    /// A demo login.
    public struct Login: Sendable {
        /// Username.
        public let username: String
        /// Password, printed by `vigil demo`; the demo listens on loopback only.
        public let password: String
        /// Role.
        public let role: Role
        /// Organisation id.
        public let organisationID: String
    }

    /// The national CERT running the demo.
    public static let cert = Organisation(id: "org-cert", name: "CERT Exampleland", country: "XA")
    /// An ISP that receives blocklists and orders.
    public static let isp = Organisation(id: "org-isp", name: "ExampleNet ISP", country: "XA")
    /// A critical-infrastructure constituent.
    public static let water = Organisation(id: "org-water", name: "Example Water Utility", country: "XA")
    /// A partner CERT abroad.
    public static let partner = Organisation(id: "org-partner", name: "CERT Testland", country: "XB")
    /// A second operator, to show that organisations do not see each other's data.
    public static let otherISP = Organisation(id: "org-other-isp", name: "Other Hosting Ltd", country: "XA")

    /// All demo organisations.
    public static let organisations = [cert, isp, water, partner, otherISP]

    /// One login per role, plus a second operator.
    public static let logins = [
        Login(username: "admin", password: "admin-demo-pass", role: .admin, organisationID: cert.id),
        Login(username: "analyst", password: "analyst-demo-pass", role: .analyst, organisationID: cert.id),
        Login(username: "operator", password: "operator-demo-pass", role: .operator, organisationID: isp.id),
        Login(username: "constituent", password: "constituent-demo-pass", role: .constituent, organisationID: water.id),
        Login(username: "partner", password: "partner-demo-pass", role: .partner, organisationID: partner.id),
        Login(username: "operator2", password: "operator2-demo-pass", role: .operator, organisationID: otherISP.id),
    ]

    /// What each demo organisation holds: the ISP 198.51.100.0/24, 2001:db8:1::/48 and the
    /// resolver's first subscribers 192.0.2.0/26; the other hosting firm 192.0.2.64/26 (both
    /// notified at once); the water utility (daily notices in Chinese) 203.0.113.0/24 and
    /// water.example.
    static func profile(of organisation: Organisation) -> OrganisationProfile {
        var profile = OrganisationProfile(name: organisation.name, country: organisation.country)
        func networks(_ texts: [String]) -> [IPv4Network] { texts.compactMap { try? IPv4Network(parsing: $0) } }
        switch organisation.id {
        case isp.id:
            profile.sector = "telecom"
            profile.noticePeriod = .immediate
            profile.asns = [ASNumber(64500)!]
            profile.prefixes4 = networks(["198.51.100.0/24", "192.0.2.0/26"])
            profile.prefixes6 = [try! IPv6Network(parsing: "2001:db8:1::/48")]
            profile.contacts = [try! EmailAddress(parsing: "abuse@isp.example")]
        case otherISP.id:
            profile.sector = "hosting"
            profile.noticePeriod = .immediate
            profile.prefixes4 = networks(["192.0.2.64/26"])
            profile.contacts = [try! EmailAddress(parsing: "abuse@hosting.example")]
        case water.id:
            profile.sector = "water"
            profile.criticalInfrastructure = true
            profile.protectionLevel = 4
            profile.language = .zh
            profile.prefixes4 = networks(["203.0.113.0/24"])
            profile.domains = [try! DomainName(parsing: "water.example")]
            profile.contacts = [try! EmailAddress(parsing: "soc@water.example")]
        default:
            break
        }
        return profile
    }
}
