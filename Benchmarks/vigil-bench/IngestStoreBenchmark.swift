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
        let vigil = try VigilChild.binary()
        var environment = VigilChild.environment()
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
        _ = try VigilChild.launch(vigil, ["init", "--data", data], environment: environment)
        let options = IngestFeed.options.sorted { $0.key < $1.key }.flatMap { ["--option", "\($0.key)=\($0.value)"] }
        let arguments = ["ingest", "--data", data, "--source", "bench", "--format", "csv"] + options + [feed]
        let first = try VigilChild.launch(vigil, arguments, environment: environment)
        let second = try VigilChild.launch(vigil, arguments, environment: environment)
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
}
