import Logging
import VigilStore

/// What `vigil serve` does on its own: the expiry job, and file, folder and HTTP sources whose schedule is due.
public struct Scheduler: Sendable {
    /// Seconds between ticks.
    public static let tickSeconds = 60
    /// Seconds between expiry runs.
    public static let expiryEverySeconds: Int64 = 900

    private let services: ServiceContainer
    private let logger: Logger

    /// A scheduler over `services`.
    public init(services: ServiceContainer, logger: Logger) {
        self.services = services
        self.logger = logger
    }

    /// One tick at `now`: runs what is due; `lastExpiry` is when expiry last ran (updated here).
    public func tick(now: Int64, lastExpiry: inout Int64) async {
        if now - lastExpiry >= Self.expiryEverySeconds * 1000 {
            lastExpiry = now
            do {
                let report = try await services.lifecycle.expire(now: now, by: nil)
                if report.validityEnded + report.decayed > 0 {
                    logger.info("expiry run", metadata: ["expired": "\(report.validityEnded + report.decayed)"])
                }
            } catch {
                logger.error("expiry run failed", metadata: ["error": "\(error)"])
            }
            do {
                let purged = try await services.matching.purgeRawHits()
                if purged > 0 { logger.info("raw sighting hits past retention deleted", metadata: ["hits": "\(purged)"]) }
            } catch {
                logger.error("raw hit purge failed", metadata: ["error": "\(error)"])
            }
        }
        do {
            let escalated = try await services.orders.escalateOverdue(now: now)
            if escalated > 0 { logger.notice("orders escalated", metadata: ["answers": "\(escalated)"]) }
        } catch {
            logger.error("order escalation failed", metadata: ["error": "\(error)"])
        }
        do {
            for source in try await SourceStore(services.database.sql).all()
            where source.enabled && ["file", "folder", "http"].contains(source.kind) && isDue(source, now: now) {
                let report = try await services.ingest.collect(source: source, actor: "scheduler")
                logger.info("source run", metadata: [
                    "source": "\(source.name)", "status": "\(report.run.status.rawValue)", "new": "\(report.run.new)",
                    "rejected": "\(report.run.rejected)",
                ])
            }
        } catch {
            logger.error("scheduled source run failed", metadata: ["error": "\(error)"])
        }
    }

    func isDue(_ source: SourceRecord, now: Int64) -> Bool {
        guard let every = source.scheduleSeconds else { return false }
        return (source.lastRunAt ?? 0) + Int64(every) * 1000 <= now
    }
}
