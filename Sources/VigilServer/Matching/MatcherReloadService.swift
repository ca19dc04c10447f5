import Logging
import ServiceLifecycle
import UnixSignals
import VigilServices

/// Keeps the compiled indicator set current beside the HTTP server: compiles it at start,
/// recompiles when the indicators changed (checked every `matching.reload_check_seconds`) and
/// at once on SIGHUP.
struct MatcherReloadService: Service {
    let matching: MatchService
    let checkSeconds: Int
    let logger: Logger

    func run() async throws {
        await reload(always: true, reason: "start")
        try? await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in await UnixSignalsSequence(trapping: .sighup) {
                        await reload(always: true, reason: "SIGHUP")
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(checkSeconds))
                        if Task.isCancelled { break }
                        await reload(always: false, reason: "indicators changed")
                    }
                }
                await group.waitForAll()
            }
        }
    }

    private func reload(always: Bool, reason: String) async {
        do {
            let report = always ? try await matching.reload() : try await matching.reloadIfChanged()
            guard let report else { return }
            MatchMetrics.compiled(report)
            logger.info("matcher compiled", metadata: [
                "reason": "\(reason)", "generation": "\(report.generation)", "indicators": "\(report.indicators)",
                "bytes": "\(report.bytes)", "milliseconds": "\(report.milliseconds)",
            ])
        } catch {
            logger.error("matcher compilation failed", metadata: ["error": "\(error)"])
        }
    }
}
