import Foundation
import VigilCore
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
    }

    /// The demo sources: name, owning organisation, reliability, default TLP.
    static let sources: [(name: String, organisation: String, reliability: Int, tlp: TLP)] = [
        ("demo-analysts", DemoAccounts.cert.id, 90, .amber),
        ("demo-feed-alpha", DemoAccounts.cert.id, 80, .green),
        ("demo-feed-beta", DemoAccounts.cert.id, 60, .clear),
        ("demo-partner-share", DemoAccounts.partner.id, 70, .amber),
    ]

    private let seed: UInt64

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
            try await OrganisationStore(services.database.sql).insert(OrganisationRecord(
                id: organisation.id, name: organisation.name, country: organisation.country, createdAt: Clock.nowMillis()))
        }
        try await services.users.share(organisationID: DemoAccounts.cert.id, with: DemoAccounts.partner.id, by: nil)
        for login in DemoAccounts.logins {
            _ = try await services.users.createUser(
                username: login.username, password: login.password, organisationID: login.organisationID,
                role: login.role, language: login.username == "constituent" ? "zh" : "en", by: nil)
        }
        let now = Clock.nowMillis()
        var sourceIDs: [String] = []
        for source in Self.sources {
            let record = SourceRecord(
                id: "src-\(source.name)", name: source.name, kind: "manual", organisationID: source.organisation,
                reliability: source.reliability, defaultTLP: source.tlp, createdAt: now)
            try await SourceStore(services.database.sql).insert(record)
            sourceIDs.append(record.id)
        }
        let records = try makeRecords(now: now)
        try await services.database.transaction { [sourceIDs] db in
            var random = SplitMix64(seed: seed ^ 0xA11CE)
            for record in records {
                try await IndicatorStore(db).insert(record)
                let primary = record.ownerOrganisationID == DemoAccounts.partner.id ? sourceIDs[3] : random.pick(Array(sourceIDs[0..<3]))
                try await SourceStore(db).recordSeen(indicatorID: record.id, sourceID: primary, at: record.firstSeen, itemID: nil)
                if random.next() % 3 == 0 {
                    try await SourceStore(db).recordSeen(indicatorID: record.id, sourceID: sourceIDs[1], at: record.lastSeen, itemID: nil)
                }
                try await IndicatorStore(db).appendHistory(HistoryRecord(
                    id: "h-\(record.id)", indicatorID: record.id, at: record.createdAt, actor: "demo",
                    change: "created", details: "loaded from the demo data set"))
            }
            try await AuditLog().record(
                actor: "system", action: "demo.load", target: "indicators",
                details: ["count": String(records.count), "seed": String(seed)], on: db)
        }
        let byType = Dictionary(grouping: records, by: \.type.rawValue).mapValues(\.count)
        return Summary(
            indicatorsByType: byType, indicators: records.count, organisations: DemoAccounts.organisations.count,
            users: DemoAccounts.logins.count)
    }

    /// Canonical records with deterministic ids, owners, TLPs, tags and times.
    func makeRecords(now: Int64) throws -> [IndicatorRecord] {
        var random = SplitMix64(seed: seed ^ 0xBEEF)
        let tlps: [TLP] = [.clear, .clear, .green, .green, .green, .green, .amber, .amber, .amber, .amberStrict, .red]
        let tags = ["botnet", "emotet-like", "phishing-kit", "scanner", "ransomware", "demo", "exampleland"]
        var seen = Set<IndicatorValue>()
        var records: [IndicatorRecord] = []
        for (index, item) in rawIndicators().enumerated() {
            let value = try IndicatorValue(parsing: item.raw, as: item.type)
            guard seen.insert(value).inserted else { continue }
            let tlp = random.pick(tlps)
            let fromPartner = random.next() % 10 == 0
            let age = Int64(random.next() % (30 * 86_400)) * 1000
            let created = now - age
            records.append(IndicatorRecord(
                id: String(format: "ind-%05d", index), type: value.type, value: value.canonical, tlp: tlp,
                threatType: random.pick(ThreatType.allCases), confidence: 30 + Int(random.next() % 70),
                ownerOrganisationID: fromPartner ? DemoAccounts.partner.id : DemoAccounts.cert.id,
                constituencyOrganisationID: DemoValueGenerator.constituency(of: value),
                description: "Demo indicator \(index) (documentation data, not a real threat)",
                firstSeen: created, lastSeen: min(now, created + Int64(random.next() % 86_400) * 1000),
                createdAt: created, updatedAt: created, tags: [random.pick(tags), "demo"],
                recipientOrganisationIDs: tlp == .red && random.next() % 2 == 0 ? [DemoAccounts.isp.id] : []))
        }
        return records
    }
}
