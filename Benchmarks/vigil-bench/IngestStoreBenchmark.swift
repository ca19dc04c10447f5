import Foundation

/// Full ingest of the generated CSV feed through `vigil ingest` (a child process, so its peak memory
/// is measured on its own) into SQLite, or into PostgreSQL when `VIGIL_BENCH_POSTGRES_URL` names an
/// empty database; then the same feed again (re-import). The peer is the script a CERT would write:
/// Python's csv module and sqlite3 `executemany` upsert into one indexed table.
struct IngestStoreBenchmark: Benchmark {
    enum Engine: String { case sqlite, postgres }

    let engine: Engine
    var name: String { "ingest-\(engine.rawValue)" }
    var summary: String { "vigil ingest of a generated CSV feed into \(engine.rawValue), then re-import (goal ≥ peer)" }
    let defaultCount = 1_000_000
    /// The peer script's rate on this machine class (1,000,000 rows in about 7.5 s).
    let goal = 133_000.0

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        let vigil = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("vigil").path
        guard FileManager.default.isExecutableFile(atPath: vigil) else {
            throw BenchmarkError(description: "build the vigil binary beside vigil-bench first (swift build -c release)")
        }
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "VIGIL_DATABASE_URL")
        if engine == .postgres {
            guard let url = environment["VIGIL_BENCH_POSTGRES_URL"] else {
                return BenchmarkResult(items: 0, seconds: 0, peer: nil, notes: ["skipped: set VIGIL_BENCH_POSTGRES_URL to an empty database"])
            }
            environment["VIGIL_DATABASE_URL"] = url
        }
        let directory = try IngestFeed.temporaryDirectory(engine.rawValue)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let feed = directory + "/feed.csv"
        try IngestFeed.write(count: context.count, seed: context.seed, to: feed)
        let data = directory + "/data"
        _ = try Self.launch(vigil, ["init", "--data", data], environment: environment)
        let options = IngestFeed.options.sorted { $0.key < $1.key }.flatMap { ["--option", "\($0.key)=\($0.value)"] }
        let arguments = ["ingest", "--data", data, "--source", "bench", "--format", "csv"] + options + [feed]
        let first = try Self.launch(vigil, arguments, environment: environment)
        let second = try Self.launch(vigil, arguments, environment: environment)
        var peer: PeerResult?
        if context.peer {
            peer = try runPythonPeer(
                name: "python3 csv + sqlite3 executemany upsert", script: try peerScript("csv_sqlite_upsert.py"),
                arguments: [feed, directory + "/peer.sqlite"])
        }
        return BenchmarkResult(items: context.count, seconds: first.seconds, peer: peer, notes: [
            String(format: "first import %.2f s, peak RSS %d MB", first.seconds, first.maxRSSMegabytes),
            String(format: "re-import %.2f s (%@ lines/s), peak RSS %d MB", second.seconds,
                   formatRate(Double(context.count) / second.seconds), second.maxRSSMegabytes),
            "report: " + (first.output.split(separator: "\n").first.map(String.init) ?? ""),
        ])
    }

    struct Launch {
        var seconds: Double
        var maxRSSMegabytes: Int
        var output: String
    }

    /// Runs a child to completion; its wall time, and the peak RSS of the largest child waited for so far
    /// (`getrusage(RUSAGE_CHILDREN)`), an upper bound for this child's.
    static func launch(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Launch {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        let start = ContinuousClock.now
        try process.run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(description: "vigil \(arguments.prefix(2).joined(separator: " ")) failed (status \(process.terminationStatus)): \(String(decoding: text, as: UTF8.self))")
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return Launch(seconds: seconds, maxRSSMegabytes: Int(usage.ru_maxrss) / 1024, output: String(decoding: text, as: UTF8.self))
    }
}
