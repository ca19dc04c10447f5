import Logging
import NIOCore
import ServiceLifecycle
import VigilMatch
import VigilServices

/// Runs the configured `sensors:` beside the HTTP server: each followed log file or syslog
/// listener feeds its lines to the matcher as they arrive, and the hits become sightings of the
/// sensor's name. A sensor that fails is logged and restarted after a pause.
struct SensorService: Service {
    let sensors: [VigilConfiguration.Sensor]
    let matching: MatchService
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for sensor in sensors { group.addTask { await keepRunning(sensor) } }
            }
        }
    }

    private func keepRunning(_ sensor: VigilConfiguration.Sensor) async {
        let options = MatchService.ScanOptions(threads: 1, flowColumns: sensor.columns, writeEveryBatch: true)
        let log: @Sendable (ScanStatistics) -> Void = { [logger] counts in
            MatchMetrics.record(counts, observer: sensor.name, format: sensor.format)
            guard counts.hits > 0 || counts.malformed > 0 else { return }
            logger.info("sensor batch", metadata: [
                "sensor": "\(sensor.name)", "lines": "\(counts.lines)", "hits": "\(counts.hits)", "malformed": "\(counts.malformed)",
            ])
        }
        while !Task.isCancelled {
            do {
                switch sensor.input {
                case .file(let path):
                    logger.info("sensor following", metadata: ["sensor": "\(sensor.name)", "file": "\(path)"])
                    try await matching.follow(path: path, format: sensor.format, observer: sensor.name, options: options, onBatch: log)
                case .syslog(let address):
                    try await listen(sensor, on: address, options: options, log: log)
                }
            } catch is CancellationError {
                return
            } catch {
                logger.error("sensor failed; restarting in 5 s", metadata: ["sensor": "\(sensor.name)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }

    /// A syslog listener on UDP and TCP whose messages are scanned as lines of the sensor's format.
    private func listen(
        _ sensor: VigilConfiguration.Sensor, on address: VigilConfiguration.ListenAddress,
        options: MatchService.ScanOptions, log: @escaping @Sendable (ScanStatistics) -> Void
    ) async throws {
        let lines = LineQueue(sensor: sensor.name)
        let listener = try await DualListener.bind(address) { SyslogFrameDecoder() }
        let (streams, datagrams) = (listener.streams, listener.datagrams)
        logger.info("sensor listening for syslog", metadata: ["sensor": "\(sensor.name)", "address": "\(address)"])
        try await withThrowingDiscardingTaskGroup { tasks in
            tasks.addTask {
                try await datagrams.executeThenClose { inbound, _ in
                    for try await envelope in inbound { await lines.push(Array(buffer: envelope.data)) }
                }
            }
            tasks.addTask { try await receive(streams, into: lines) }
            _ = try await matching.scan(
                stream: { await lines.next() }, inputName: "syslog://\(address)", format: sensor.format,
                observer: sensor.name, options: options, onBatch: log)
        }
    }
}

extension SensorService {
    /// Reads every TCP connection's framed messages into `lines`.
    private func receive(
        _ server: NIOAsyncChannel<DualListener.Connection, Never>, into lines: LineQueue
    ) async throws {
        try await withThrowingDiscardingTaskGroup { tasks in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    tasks.addTask {
                        try? await connection.executeThenClose { inbound, _ in
                            for try await message in inbound { await lines.push(Array(buffer: message)) }
                        }
                    }
                }
            }
        }
    }
}

/// Syslog messages waiting to be scanned, as log lines. `next` hands over what has arrived, or
/// an empty chunk after a quarter second without any (so that lines are matched while the sender
/// is quiet). Unreadable messages are counted and dropped.
actor LineQueue {
    private var buffered: [UInt8] = []
    private let sensor: String
    /// Held at most; beyond it new messages are dropped (and counted) until the scanner catches up.
    static let limit = 16 << 20

    /// A queue for the sensor named `sensor` (the label of its rejected-message counter).
    init(sensor: String) { self.sensor = sensor }

    func push(_ message: [UInt8]) {
        guard let line = try? SyslogMessage.line(of: message), buffered.count + line.count < Self.limit else {
            MatchMetrics.rejectedSyslogMessage(sensor: sensor)
            return
        }
        buffered += line
        buffered.append(0x0A)
    }

    func next() async -> [UInt8]? {
        if buffered.isEmpty {
            do { try await Task.sleep(for: .milliseconds(250)) } catch { return nil }
        }
        defer { buffered = [] }
        return buffered
    }
}
