import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import ServiceLifecycle
import VigilServices

/// Vigil's HTTP server: the REST API, the OpenAPI document, health, metrics and the pages.
public struct VigilServer: Sendable {
    /// The version reported in the OpenAPI document.
    public static let version = "0.1.0"

    /// The router with every endpoint, and the endpoint list it was built from.
    public struct Routes {
        /// The Hummingbird router.
        public let router: Router<VigilRequestContext>
        /// Every endpoint, in registration order.
        public let endpoints: [Endpoint]
    }

    /// Builds the router over `services`; fails when the web UI's templates, catalogue or assets are missing.
    public static func routes(services: ServiceContainer) throws -> Routes {
        let ui = try WebUI(secureCookies: services.configuration.auth.cookieSecure)
        let router = Router(context: VigilRequestContext.self)
        let registry = MetricsBootstrap.registry
        Gauge(label: "vigil_db_pool_connections_max").record(services.configuration.database.poolSize)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: SecurityHeadersMiddleware(maxBodyBytes: services.configuration.server.maxBodyBytes))
        router.add(middleware: ProblemMiddleware(ui: ui))
        router.add(middleware: AuthenticationMiddleware(auth: services.auth))
        let table = EndpointTable(router: router)
        SystemRoutes.register(on: table, services: services, metrics: registry)
        AccountRoutes.register(on: table, services: services)
        IndicatorRoutes.register(on: table, services: services)
        IndicatorRoutes.registerLifecycle(on: table, services: services)
        SourceRoutes.register(on: table, services: services)
        AllowlistRoutes.register(on: table, services: services)
        BlocklistRoutes.register(on: table, services: services)
        OrderRoutes.register(on: table, services: services)
        AppealRoutes.register(on: table, services: services)
        MatchingRoutes.register(on: table, services: services)
        ConstituencyRoutes.register(on: table, services: services)
        NoticeRoutes.register(on: table, services: services)
        TAXIIRoutes.register(on: table, services: services)
        SharingRoutes.register(on: table, services: services)
        SessionPages.register(on: table, services: services, ui: ui)
        AppealPages.register(on: table, services: services, ui: ui)
        DashboardPage.register(on: table, services: services, ui: ui)
        IndicatorPages.register(on: table, services: services, ui: ui)
        SourcePages.register(on: table, services: services, ui: ui)
        ProfilePages.register(on: table, services: services, ui: ui)
        AdminPages.register(on: table, services: services, ui: ui)
        OrderPages.register(on: table, services: services, ui: ui)
        ConstituencyPages.register(on: table, services: services, ui: ui)
        SharingPages.register(on: table, services: services, ui: ui)
        AppealReviewPages.register(on: table, services: services, ui: ui)
        let document = OpenAPIDocument.json(
            endpoints: table.endpoints + [openAPIEndpoint], version: version)
        table.add(openAPIEndpoint) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        return Routes(router: router, endpoints: table.endpoints)
    }

    /// The services running beside the HTTP server: the scheduler and the matcher's reloads
    /// (unless `scheduling` is false), the configured sensors, and the zone transfer primary when `zone_transfer.listen` is set.
    static func background(services: ServiceContainer, logger: Logger, scheduling: Bool) -> [any Service] {
        var background: [any Service] = []
        if scheduling {
            background.append(SchedulerService(scheduler: Scheduler(services: services, logger: logger)))
            background.append(MatcherReloadService(
                matching: services.matching, checkSeconds: services.configuration.matching.reloadCheckSeconds, logger: logger))
            if services.configuration.sharing.partners.contains(where: { $0.transport == .taxii }) {
                background.append(TAXIIPublishService(
                    taxii: services.taxii, seconds: services.configuration.sharing.taxiiPublishSeconds, logger: logger))
            }
            if services.configuration.notices.enabled {
                background.append(NoticeRoundService(
                    constituency: services.constituency, notices: services.notices,
                    roundSeconds: services.configuration.notices.roundSeconds, logger: logger))
            }
        }
        if !services.configuration.sensors.isEmpty {
            background.append(SensorService(sensors: services.configuration.sensors, matching: services.matching, logger: logger))
        }
        if let listen = services.configuration.zoneTransfer.listen {
            background.append(ZoneTransferServer(
                zones: services.zoneTransfer, changes: services.blocklistChanges, listen: listen, logger: logger))
        }
        return background
    }

    static let openAPIEndpoint = Endpoint(
        .get, "/api/v1/openapi.json", summary: "This API's OpenAPI 3.1 document", tag: "system", access: .public)

    /// The application listening on the configured address, with the scheduler unless `scheduling`
    /// is false; `onRunning` gets the bound port.
    public static func application(
        services: ServiceContainer, logger: Logger, port: Int? = nil, scheduling: Bool = true,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let server = services.configuration.server
        return Application(
            router: try routes(services: services).router,
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(server.requestTimeoutSeconds)))),
            configuration: .init(address: .hostname(server.host, port: port ?? server.port), serverName: "Vigil"),
            services: background(services: services, logger: logger, scheduling: scheduling),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
