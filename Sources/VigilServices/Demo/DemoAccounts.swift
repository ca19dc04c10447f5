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
}
