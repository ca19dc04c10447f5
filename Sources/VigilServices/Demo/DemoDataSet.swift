import Foundation
import VigilCore
import VigilMatch
import VigilStore

/// The bundled demo data: a few thousand indicators of every type across several sources and TLPs,
/// generated from a fixed seed. Only documentation ranges (192.0.2.0/24, 198.51.100.0/24,
/// 203.0.113.0/24, 2001:db8::/32, AS64496–AS64511) and reserved names (`.example`, `.test`) are used,
/// so the demo never accuses a real host.
public struct DemoDataSet: Sendable {
    /// What was loaded.
    public struct Summary: Sendable, Codable {
        /// Indicators per type.
        public var indicatorsByType: [String: Int]
        /// All indicators.
        public var indicators: Int
        /// Organisations.
        public var organisations: Int
        /// Users.
        public var users: Int
        /// Bad lines the demo feeds carry on purpose, rejected with their line numbers.
        public var rejectedLines: Int
        /// Telemetry hits stored as sightings (two days of a resolver's and a firewall's logs).
        public var sightings: Int
    }

    /// The demo sources: name, owning organisation, reliability, default TLP, threat type.
    static let sources: [(name: String, organisation: String, reliability: Int, tlp: TLP, threat: ThreatType)] = [
        ("demo-analysts", DemoAccounts.cert.id, 90, .amber, .other),
        ("demo-feed-alpha", DemoAccounts.cert.id, 80, .green, .malwareDistribution),
        ("demo-feed-beta", DemoAccounts.cert.id, 60, .clear, .scanner),
        ("demo-partner-share", DemoAccounts.partner.id, 70, .amber, .other),
    ]

    private let seed: UInt64

    /// Warning lists a demo must switch off: its data lives in the documentation ranges and names
    /// that these lists exist to suppress.
    public static var warningListExclusions: [String] { Array(WarningList.documentationListNames).sorted() }

    /// The demo's blocklists: what a national CERT hands resolver operators and firewalls.
    public static let blocklists: [BlocklistPolicy] = [
        BlocklistPolicy(name: "demo-dns", types: [.domain, .domainSuffix], minimumConfidence: 50, maximumTLP: .green,
                        action: .nxdomain),
        BlocklistPolicy(name: "demo-phishing", types: [.domain, .domainSuffix], threatTypes: [.phishing],
                        minimumConfidence: 50, maximumTLP: .green, action: .sinkhole("walled-garden.demo.example")),
        BlocklistPolicy(name: "demo-ips", types: [.ipv4, .ipv6, .cidr4, .cidr6], minimumConfidence: 50, maximumTLP: .green),
    ]

    /// The configuration file `vigil demo` leaves in its directory, so that other commands run on
    /// that directory with the demo's settings (its warning-list exclusions and blocklists).
    public static var configurationFile: String {
        var text = """
            # Written by vigil demo: the settings it runs with, so that commands on this directory agree.
            warning_lists:
              exclude: [\(warningListExclusions.joined(separator: ", "))]
            blocklists:

            """
        for policy in blocklists {
            text += "  - name: \(policy.name)\n"
            text += "    types: [\(policy.types.map(\.rawValue).sorted().joined(separator: ", "))]\n"
            if !policy.threatTypes.isEmpty {
                text += "    threat_types: [\(policy.threatTypes.map(\.rawValue).sorted().joined(separator: ", "))]\n"
            }
            text += "    min_confidence: \(policy.minimumConfidence)\n"
            text += "    max_tlp: \(policy.maximumTLP.rawValue)\n"
            text += "    action: \(policy.action)\n"
        }
        text += """
            sharing:
              home_jurisdiction: \(sharing.homeJurisdiction)
              producer: \(sharing.producer)
              partners:
                - organisation: \(DemoAccounts.partner.name)
                  jurisdiction: \(DemoAccounts.partner.country)
                  transport: taxii
                  max_tlp: \(sharing.partners[0].maxTLP.rawValue)

            """
        return text
    }

    /// The demo's sharing: the CERT at home in XA, CERT Testland abroad (XB) pulling TAXII up to
    /// TLP:AMBER (the CERT shares AMBER with it), through the cross-border gate.
    public static var sharing: VigilConfiguration.Sharing {
        var sharing = VigilConfiguration.Sharing()
        sharing.homeJurisdiction = DemoAccounts.cert.country
        sharing.producer = DemoAccounts.cert.name
        var partner = VigilConfiguration.Partner(organisation: DemoAccounts.partner.name, jurisdiction: DemoAccounts.partner.country)
        partner.maxTLP = .amber
        sharing.partners = [partner]
        return sharing
    }

    /// A data set from `seed`; the default seed is what `vigil demo` loads.
    public init(seed: UInt64 = 0x5EED_CE27) { self.seed = seed }

    /// The raw indicators in generation order (deterministic).
    public func rawIndicators() -> [(type: IndicatorType, raw: String)] {
        var random = SplitMix64(seed: seed)
        return DemoValueGenerator.values(using: &random)
    }

    /// Loads organisations, users, sources and indicators into an empty database.
    public func load(into services: ServiceContainer) async throws -> Summary {
        for organisation in DemoAccounts.organisations {
            let store = OrganisationStore(services.database.sql)
            let profile = DemoAccounts.profile(of: organisation)
            try await store.insert(OrganisationRecord(id: organisation.id, profile: profile, createdAt: Clock.nowMillis(), updatedAt: Clock.nowMillis()))
            try await store.replaceResources(of: organisation.id, with: OrganisationResources(profile))
        }
        try await services.users.share(organisationID: DemoAccounts.cert.id, with: DemoAccounts.partner.id, by: nil)
        for login in DemoAccounts.logins {
            _ = try await services.users.createUser(
                username: login.username, password: login.password, organisationID: login.organisationID,
                role: login.role, language: login.username == "constituent" ? "zh" : "en", by: nil)
        }
        let now = Clock.nowMillis()
        var indicators = 0
        var rejected = 0
        for feed in DemoFeeds.feeds(rawIndicators(), seed: seed ^ 0xBEEF, now: now) {
            let settings = Self.sources.first { $0.name == feed.source }!
            let source = SourceRecord(
                id: "src-\(feed.source)", name: feed.source, kind: "file", format: feed.format, options: feed.options,
                organisationID: settings.organisation, reliability: settings.reliability, defaultTLP: settings.tlp,
                threatType: settings.threat, tags: ["demo"], createdAt: now)
            try await SourceStore(services.database.sql).insert(source)
            let report = try await services.ingest.run(source: source, input: .bytes(Array(feed.text.utf8)), actor: "demo")
            indicators += report.run.new
            rejected += report.run.rejected
        }
        try await services.constituency.refresh(force: true)
        try await addDemoRecipients(services)
        try await issueDemoOrder(services)
        let sightings = try await DemoTelemetry.load(into: services, seed: seed ^ 0x5EED, now: now)
        let byType = try await Self.countByType(services)
        return Summary(
            indicatorsByType: byType, indicators: indicators, organisations: DemoAccounts.organisations.count,
            users: DemoAccounts.logins.count, rejectedLines: rejected, sightings: sightings)
    }

    /// Half of the TLP:RED indicators name the ISP as a recipient.
    func addDemoRecipients(_ services: ServiceContainer) async throws {
        let store = IndicatorStore(services.database.sql)
        var random = SplitMix64(seed: seed ^ 0xA11CE)
        for record in try await store.search(IndicatorQuery(tlp: .red, limit: 1000), scope: .system).items where random.next() % 2 == 0 {
            try await store.addRecipient(indicatorID: record.id, organisationID: DemoAccounts.isp.id)
        }
    }

    /// One order from the CERT's analyst to both ISPs about three GREEN demo domains, due in a
    /// week; the first ISP has acknowledged it.
    func issueDemoOrder(_ services: ServiceContainer) async throws {
        let users = UserStore(services.database.sql)
        guard let analyst = try await users.find(username: "analyst")?.principal,
              let ispOperator = try await users.find(username: "operator")?.principal else { return }
        let domains = try await IndicatorStore(services.database.sql)
            .search(IndicatorQuery(type: .domain, tlp: .green, status: .active, limit: 50), scope: .system).items
            .filter { $0.suppressedBy == nil }.prefix(3)
        guard !domains.isEmpty else { return }
        let order = try await services.orders.create(
            NewOrder(reference: "DEMO-2026-001", action: .stopResolution, legalBasis: "Demo: national cyber security act, art. 12",
                     tlp: .amber, deadline: Date().addingTimeInterval(7 * 86_400),
                     addressees: [DemoAccounts.isp.id, DemoAccounts.otherISP.id], indicatorIDs: domains.map(\.id)),
            by: analyst)
        _ = try await services.orders.answer(order.id, with: .acknowledged, by: ispOperator)
    }

    static func countByType(_ services: ServiceContainer) async throws -> [String: Int] {
        let counts = try await IndicatorStore(services.database.sql).countsByType(scope: .system)
        return Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }
}
