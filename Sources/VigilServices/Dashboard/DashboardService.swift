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

    /// All indicators the reader may see.
    public var total: Int { byType.reduce(0) { $0 + $1.count } }
}

/// Gathers the dashboard's figures through the same read scope as every list.
public struct DashboardService: Sendable {
    /// Days of new indicators shown.
    public static let days = 14
    /// Hours of sightings shown.
    public static let hours = 72

    private let database: VigilDatabase
    private let orders: OrderService

    /// Creates the service.
    public init(database: VigilDatabase, orders: OrderService) {
        self.database = database
        self.orders = orders
    }

    /// The dashboard of `principal` at `now`.
    public func dashboard(for principal: Principal, now: Int64 = Clock.nowMillis()) async throws -> Dashboard {
        let scope = ReadScope.principal(principal)
        let store = DashboardStore(database.sql)
        let byType = try await IndicatorStore(database.sql).countsByType(scope: scope)
            .map { (type: $0.key, count: $0.value) }.sorted { ($0.count, $1.type.rawValue) > ($1.count, $0.type.rawValue) }
        let today = now / 86_400_000
        let firstDay = today - Int64(Self.days - 1)
        let perDay = Dictionary(uniqueKeysWithValues: try await store.newIndicatorsPerDay(since: firstDay * 86_400_000, scope: scope)
            .compactMap { count in Int64(count.key).map { ($0, count.value) } })
        let thisHour = now - now % 3_600_000
        let firstHour = thisHour - Int64(Self.hours - 1) * 3_600_000
        let perHour = Dictionary(try await store.sightingsPerHour(since: firstHour, scope: scope)
            .compactMap { count in Int64(count.key).map { ($0, count.value) } }, uniquingKeysWith: +)
        let overdue = try await orders.list(for: principal).flatMap { order in
            order.addressees.filter { $0.status.isOpen && order.deadline < now }.map { (order: order, addressee: $0) }
        }
        return Dashboard(
            byType: byType, bySource: try await store.indicatorsBySource(scope: scope),
            newPerDay: (firstDay...today).map { (day: $0, count: perDay[$0] ?? 0) },
            sightingsPerHour: stride(from: firstHour, through: thisHour, by: 3_600_000).map { (hour: $0, count: perHour[$0] ?? 0) },
            topOrganisations: try await store.topOrganisationsHit(since: firstHour, scope: scope),
            overdueOrders: overdue)
    }
}
