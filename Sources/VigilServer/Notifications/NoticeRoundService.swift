import Logging
import ServiceLifecycle
import VigilServices

/// Every `notices.round_seconds` beside the HTTP server: picks up organisation changes made by
/// another process (the owner map), composes the notices that are due and works the outbox.
/// Attempts a crash interrupted are settled first.
struct NoticeRoundService: Service {
    let constituency: ConstituencyService
    let notices: NoticeService
    let roundSeconds: Int
    let logger: Logger

    func run() async throws {
        do { try await notices.recoverInterrupted() } catch {
            logger.error("cannot settle interrupted notices", metadata: ["error": "\(error)"])
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                if let remap = try await constituency.refresh() { NoticeMetrics.remapped(remap) }
                let composed = try await notices.compose()
                let delivered = try await notices.deliver()
                NoticeMetrics.record(composed: composed, delivered: delivered)
                if composed.notices + delivered.sent + delivered.failed + delivered.retrying + delivered.unconfirmed > 0 {
                    logger.info("notice round", metadata: [
                        "composed": "\(composed.notices)", "sent": "\(delivered.sent)", "retrying": "\(delivered.retrying)",
                        "failed": "\(delivered.failed)", "unconfirmed": "\(delivered.unconfirmed)",
                    ])
                }
            } catch {
                logger.error("notice round failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(roundSeconds)) }
        }
    }
}
