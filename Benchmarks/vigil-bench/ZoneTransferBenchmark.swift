import Foundation
import VigilFormats

/// IXFR of 1,000 changes from `vigil serve`'s zone transfer primary, over a store of 1,000,000
/// domains and 250,000 prefixes (filled through `vigil source run`, untimed): the time from the
/// query's first byte to the answer's last, best of `--repeat`. Also times the whole zone by AXFR.
/// The peer: BIND's `named` as the primary of the same zone (the file Vigil renders) with
/// `ixfr-from-differences`, answering the same IXFR after a reload with the changed file.
struct ZoneTransferBenchmark: Benchmark {
    let name = "zone-transfer"
    let summary = "IXFR of 1,000 changed names from vigil serve over 1.25 M entries (goal ≤ 50 ms), AXFR timed too"
    let defaultCount = 1_250_000
    /// 1,000 changes in 50 ms.
    let goal = 20_000.0
    static let changes = 1_000
    static let zone = "bench.rpz.vigil."

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        let vigil = try VigilChild.binary()
        let environment = VigilChild.environment()
        let directory = try IngestFeed.temporaryDirectory("zone-transfer")
        defer { if environment["VIGIL_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let port = try DNSTransferClient.freePort()
        let data = try BlocklistRenderBenchmark.prepareStore(
            vigil, count: context.count, seed: context.seed, directory: directory, environment: environment, extraConfig: """
                zone_transfer:
                  listen: 127.0.0.1:\(port)
                  check_seconds: 1
                  secondaries:
                    - address: 127.0.0.1

                """)
        let server = try VigilChild.start(
            vigil, ["serve", "--data", data, "--port", String(try DNSTransferClient.freePort())], environment: environment,
            log: directory + "/serve.log")
        defer { server.terminate(); server.waitUntilExit() }
        let before = try DNSTransferClient.waitForSerial(port: port, zone: Self.zone, seconds: 120) { _ in true }
        let oldZone = directory + "/old.rpz"
        _ = try VigilChild.launch(vigil, ["blocklist", "render", "bench", "--format", "rpz", "-o", oldZone, "--data", data], environment: environment)
        let axfr = try DNSTransferClient.transfer(port: port, zone: Self.zone, type: .axfr)

        // The change: new names from a second source, which the primary finds at its next check.
        let changes = directory + "/changes.csv"
        try ("value,type\n" + (0..<Self.changes).map { "changed-\($0)-\(context.seed).example-bench.net,domain\n" }.joined())
            .write(toFile: changes, atomically: true, encoding: .utf8)
        try BlocklistRenderBenchmark.importFeed(vigil, name: "changes", path: changes, data: data, environment: environment)
        let after = try DNSTransferClient.waitForSerial(port: port, zone: Self.zone, seconds: 120) { $0 != before }
        var best = Double.infinity
        var ixfr: DNSTransferClient.Transfer?
        for _ in 0..<max(context.repetitions, 5) {
            let transfer = try DNSTransferClient.transfer(port: port, zone: Self.zone, type: .ixfr, clientSerial: before)
            guard transfer.isIncremental, transfer.records == Self.changes + 4 else {
                throw BenchmarkError(description: "IXFR \(before)→\(after): \(transfer.records) records, incremental: \(transfer.isIncremental)")
            }
            best = min(best, transfer.seconds)
            ixfr = transfer
        }
        let rss = VigilChild.peakRSSMegabytes(of: server)
        let newZone = directory + "/new.rpz"
        _ = try VigilChild.launch(vigil, ["blocklist", "render", "bench", "--format", "rpz", "-o", newZone, "--data", data], environment: environment)

        var notes = [
            String(format: "AXFR: %d records in %.2f s (%.0f records/s); IXFR %u→%u: %d records in %.1f ms (best of %d)",
                   axfr.records, axfr.seconds, Double(axfr.records) / axfr.seconds, before, after, ixfr?.records ?? 0,
                   best * 1000, max(context.repetitions, 5)),
            "vigil serve peak RSS ≤ \(rss) MB (zones, journal and HTTP server)",
        ]
        var peer: PeerResult?
        if context.peer {
            let (result, note) = try BindPrimary.measure(
                directory: directory, oldZone: oldZone, newZone: newZone, before: before, after: after,
                repetitions: max(context.repetitions, 5))
            peer = result
            notes.append(note)
        }
        return BenchmarkResult(items: Self.changes, seconds: best, peer: peer, notes: notes)
    }
}

/// BIND's `named` serving the same zone as a primary: loads the old file, reloads the new one
/// (computing the difference itself, `ixfr-from-differences`), then answers the same IXFR.
enum BindPrimary {
    static func measure(
        directory: String, oldZone: String, newZone: String, before: UInt32, after: UInt32, repetitions: Int
    ) throws -> (PeerResult, String) {
        guard let named = ["/usr/sbin/named", "/usr/bin/named"].first(where: FileManager.default.isExecutableFile) else {
            throw BenchmarkError(description: "--peer needs BIND's named (apt-get install bind9)")
        }
        let port = try DNSTransferClient.freePort()
        let bind = directory + "/bind"
        try FileManager.default.createDirectory(atPath: bind, withIntermediateDirectories: true)
        let zoneFile = bind + "/bench.db"
        try FileManager.default.copyItem(atPath: oldZone, toPath: zoneFile)
        try """
            options {
                directory "\(bind)";
                pid-file "\(bind)/named.pid";
                listen-on port \(port) { 127.0.0.1; };
                listen-on-v6 { none; };
                recursion no;
                notify no;
                allow-transfer { 127.0.0.1; };
                ixfr-from-differences yes;
            };
            controls { };
            zone "bench.rpz.vigil" { type primary; file "\(zoneFile)"; };

            """.write(toFile: bind + "/named.conf", atomically: true, encoding: .utf8)
        let process = try VigilChild.start(named, ["-g", "-c", bind + "/named.conf"], environment: [:], log: bind + "/named.log")
        defer { process.terminate(); process.waitUntilExit() }
        _ = try DNSTransferClient.waitForSerial(port: port, zone: ZoneTransferBenchmark.zone, seconds: 600) { $0 == before }
        let axfr = try DNSTransferClient.transfer(port: port, zone: ZoneTransferBenchmark.zone, type: .axfr)
        try FileManager.default.removeItem(atPath: zoneFile)
        try FileManager.default.copyItem(atPath: newZone, toPath: zoneFile)
        kill(process.processIdentifier, SIGHUP)
        _ = try DNSTransferClient.waitForSerial(port: port, zone: ZoneTransferBenchmark.zone, seconds: 600) { $0 == after }
        var best = Double.infinity
        var records = 0
        for _ in 0..<repetitions {
            let transfer = try DNSTransferClient.transfer(port: port, zone: ZoneTransferBenchmark.zone, type: .ixfr, clientSerial: before)
            best = min(best, transfer.seconds)
            records = transfer.records
        }
        let note = String(format: "BIND named: AXFR %d records in %.2f s; IXFR %d records in %.1f ms; peak RSS ≤ %d MB",
                          axfr.records, axfr.seconds, records, best * 1000, VigilChild.peakRSSMegabytes(of: process))
        return (PeerResult(name: "BIND named primary, ixfr-from-differences", items: ZoneTransferBenchmark.changes, seconds: best, errors: 0), note)
    }
}
