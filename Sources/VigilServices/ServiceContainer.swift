import Foundation
import Logging
import VigilStore

/// Everything a running Vigil needs, opened from one configuration: the database (migrated) and the services.
public final class ServiceContainer: Sendable {
    /// The configuration it was opened with.
    public let configuration: VigilConfiguration
    /// The database.
    public let database: VigilDatabase
    /// Logins, sessions, tokens.
    public let auth: AuthService
    /// Organisations and users.
    public let users: UserService
    /// Indicators.
    public let indicators: IndicatorService
    /// The audit chain's verifier.
    public let auditVerifier: AuditVerifier
    /// Feed sources.
    public let sources: SourceService
    /// Feed ingestion.
    public let ingest: IngestService
    /// Warning lists and the allowlist.
    public let warningLists: WarningListService
    /// Expiry and decay.
    public let lifecycle: LifecycleService
    /// Blocklists for resolvers and firewalls.
    public let blocklists: BlocklistService
    /// Mitigation orders.
    public let orders: OrderService
    /// The dashboard's figures.
    public let dashboard: DashboardService
    /// Appeals against listings.
    public let appeals: AppealService
    /// Signals that blocklists may have changed.
    public let blocklistChanges = BlocklistChanges()
    /// The blocklists' RPZ zones for DNS secondaries.
    public let zoneTransfer: ZoneTransferService
    /// Telemetry matching and sightings.
    public let matching: MatchService
    /// Organisations and the owner of every resource.
    public let constituency: ConstituencyService
    /// Notices to the constituency.
    public let notices: NoticeService
    /// Sharing with partners and the cross-border gate.
    public let sharing: SharingService
    /// The TAXII 2.1 collections.
    public let taxii: TAXIIService

    /// Opens the database of `configuration`, applies pending migrations and builds the services.
    public init(configuration: VigilConfiguration, logger: Logger = Logger(label: "vigil")) async throws {
        self.configuration = configuration
        try FileManager.default.createDirectory(atPath: configuration.dataDir, withIntermediateDirectories: true)
        let location = try DatabaseLocation(url: configuration.resolvedDatabaseURL)
        database = try await VigilDatabase.openMigrated(
            location: location, poolSize: configuration.database.poolSize, logger: logger)
        auth = AuthService(database: database, settings: configuration.auth)
        users = UserService(database: database, bcryptCost: configuration.auth.bcryptCost)
        indicators = IndicatorService(database: database)
        auditVerifier = AuditVerifier(database: database)
        sources = SourceService(database: database)
        warningLists = WarningListService(
            database: database, settings: configuration.warningLists, dataDir: configuration.dataDir,
            changes: blocklistChanges)
        ingest = IngestService(database: database, warningLists: warningLists)
        lifecycle = LifecycleService(database: database)
        blocklists = BlocklistService(database: database, policies: configuration.blocklists, warningLists: warningLists)
        zoneTransfer = ZoneTransferService(
            blocklists: blocklists, policies: configuration.blocklists, settings: configuration.zoneTransfer)
        orders = OrderService(database: database, warningLists: warningLists)
        dashboard = DashboardService(database: database, orders: orders)
        appeals = AppealService(database: database, warningLists: warningLists)
        constituency = ConstituencyService(database: database)
        sharing = SharingService(database: database, settings: configuration.sharing)
        taxii = TAXIIService(database: database, sharing: sharing, ingest: ingest, logger: logger)
        do {
            matching = try MatchService(
                database: database, settings: configuration.matching, dataDir: configuration.dataDir,
                owners: constituency.owners, keepsOwnedClientAddresses: configuration.notices.includeClientAddresses)
            notices = try NoticeService(database: database, settings: configuration.notices, logger: logger)
            try await constituency.refresh()
            let waiting = try await sources.sync(configuration.sources)
            if !waiting.isEmpty {
                logger.notice("configured sources wait for an organisation (run vigil init)", metadata: ["sources": "\(waiting)"])
            }
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    /// Closes the database.
    public func shutdown() async throws {
        try await database.shutdown()
    }
}
