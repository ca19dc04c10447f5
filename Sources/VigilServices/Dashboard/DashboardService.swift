import VigilCore
import VigilStore

/// What the dashboard shows one reader, every figure counted over what they may read.
public struct Dashboard: Sendable {
    /// Indicators per type, largest first.
    public let byType: [(type: IndicatorType, count: Int)]
    /// Indicators per listing source, largest first.
    public let bySource: [DashboardStore.Count]
    /// New indicators per UTC day, oldest first, one entry per day of the window (zeros included).
    public let newPerDay: [(day: Int64, count: Int)]
    /// Sightings per hour, oldest first, one entry per hour of the window.
    public let sightingsPerHour: [(hour: Int64, count: Int)]
    /// Organisations hit most in the sightings window.
    public let topOrganisations: [DashboardStore.Count]
    /// Open orders past their deadline, per addressee.
    public let overdueOrders: [(order: OrderRecord, addressee: OrderAddresseeRecord)]
    /// When the indicator figures were counted (they are kept for `DashboardService.countsSeconds`).
    public let countedAt: Int64

    /// All indicators the reader may see.
    public var total: Int { byType.reduce(0) { $0 + $1.count } }
}

/// Gathers the dashboard's figures through the same read scope as every list.
public struct DashboardService: Sendable {
    /// Days of new indicators shown.
    public static let days = 14
    /// Hours of sightings shown.
    public static let hours = 72
    /// How long the indicator counts (whole-table scans at a million rows) are reused per reader scope;
    /// sightings and orders are read at every render.
    public static let countsSeconds: Int64 = 60

    private let database: VigilDatabase
    private let orders: OrderService
    private let cache = CountsCache()

    /// The indicator figures of one reader scope.
    struct Counts: Sendable {
        let byType: [(type: IndicatorType, count: Int)]
        let bySource: [DashboardStore.Count]
        let perDay: [Int64: Int]
        let countedAt: Int64
    }

    /// Indicator figures per scope (organisation, and whether the role is constituency-scoped): a
    /// render older than `countsSeconds` gets the kept figures at once and starts a recount, so only
    /// the first render of a scope waits for the scan.
    actor CountsCache {
        private var entries: [String: Counts] = [:]
        private var recounting: Set<String> = []

        func counts(_ key: String, now: Int64, compute: @escaping @Sendable () async throws -> Counts) async throws -> Counts {
            guard let entry = entries[key] else {
                let fresh = try await compute()
                entries[key] = fresh
                return fresh
            }
            if now - entry.countedAt >= DashboardService.countsSeconds * 1000, !recounting.contains(key) {
                recounting.insert(key)
                Task {
                    let fresh = try? await compute()
                    self.finish(key, fresh)
                }
            }
            return entry
        }

        private func finish(_ key: String, _ fresh: Counts?) {
            recounting.remove(key)
            if let fresh { entries[key] = fresh }
        }
    }

    /// Creates the service.
    public init(database: VigilDatabase, orders: OrderService) {
        self.database = database
        self.orders = orders
    }

    /// The dashboard of `principal` at `now`.
    public func dashboard(for principal: Principal, now: Int64 = Clock.nowMillis()) async throws -> Dashboard {
        let scope = ReadScope.principal(principal)
        let store = DashboardStore(database.sql)
        let today = now / 86_400_000
        let firstDay = today - Int64(Self.days - 1)
        let key = "\(principal.organisationID)|\(principal.role.isConstituencyScoped)"
        let counts = try await cache.counts(key, now: now) { [database] in
            let byType = try await IndicatorStore(database.sql).countsByType(scope: scope)
                .map { (type: $0.key, count: $0.value) }.sorted { ($0.count, $1.type.rawValue) > ($1.count, $0.type.rawValue) }
            let perDay = Dictionary(uniqueKeysWithValues: try await store.newIndicatorsPerDay(since: firstDay * 86_400_000, scope: scope)
                .compactMap { count in Int64(count.key).map { ($0, count.value) } })
            return Counts(byType: byType, bySource: try await store.indicatorsBySource(scope: scope), perDay: perDay, countedAt: now)
        }
        let thisHour = now - now % 3_600_000
        let firstHour = thisHour - Int64(Self.hours - 1) * 3_600_000
        let perHour = Dictionary(try await store.sightingsPerHour(since: firstHour, scope: scope)
            .compactMap { count in Int64(count.key).map { ($0, count.value) } }, uniquingKeysWith: +)
        let overdue = try await orders.list(for: principal).flatMap { order in
            order.addressees.filter { $0.status.isOpen && order.deadline < now }.map { (order: order, addressee: $0) }
        }
        return Dashboard(
            byType: counts.byType, bySource: counts.bySource,
            newPerDay: (firstDay...today).map { (day: $0, count: counts.perDay[$0] ?? 0) },
            sightingsPerHour: stride(from: firstHour, through: thisHour, by: 3_600_000).map { (hour: $0, count: perHour[$0] ?? 0) },
            topOrganisations: try await store.topOrganisationsHit(since: firstHour, scope: scope),
            overdueOrders: overdue, countedAt: counts.countedAt)
    }
}
