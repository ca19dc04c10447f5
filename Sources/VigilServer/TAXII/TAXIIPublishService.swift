import Logging
import ServiceLifecycle
import VigilServices

/// Publishes new object versions to the partners' TAXII collections at start and every
/// `sharing.taxii_publish_seconds`, beside the HTTP server.
struct TAXIIPublishService: Service {
    let taxii: TAXIIService
    let seconds: Int
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let added = try await taxii.publishAll()
                if added > 0 { logger.info("TAXII publication", metadata: ["versions": "\(added)"]) }
            } catch {
                logger.error("TAXII publication failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
        }
    }
}
