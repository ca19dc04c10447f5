import Logging
import ServiceLifecycle
import VigilServices
import VigilStore

/// Runs the `Scheduler` once a minute beside the HTTP server, until graceful shutdown.
struct SchedulerService: Service {
    let scheduler: Scheduler

    func run() async throws {
        var lastExpiry: Int64 = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await scheduler.tick(now: Clock.nowMillis(), lastExpiry: &lastExpiry)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(Scheduler.tickSeconds)) }
        }
    }
}
