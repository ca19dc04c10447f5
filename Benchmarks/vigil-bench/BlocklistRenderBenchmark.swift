import Foundation

/// `vigil blocklist render` of an RPZ zone and an nftables file from a SQLite store holding
/// 1,000,000 domains and 250,000 prefixes (the store is filled through `vigil ingest`, untimed).
/// Each render is a child process, so its time includes start-up, the query and the write, and
/// its peak memory is its own. The peer: a Python script writing the same zone from the same
/// SQLite table with `sqlite3` and `ipaddress`.
struct BlocklistRenderBenchmark: Benchmark {
    let name = "blocklist-render"
    let summary = "vigil blocklist render rpz and nft from SQLite, 80 % domains / 20 % prefixes (goal ≤ 2 s each)"
    let defaultCount = 1_250_000
    /// 1,250,000 entries in 2 s.
    let goal = 625_000.0

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        let vigil = try VigilChild.binary()
        let environment = VigilChild.environment()
        let directory = try IngestFeed.temporaryDirectory("blocklist")
        // VIGIL_BENCH_KEEP=1 keeps the store and the outputs, for profiling a render on its own.
        let keep = environment["VIGIL_BENCH_KEEP"] != nil
        defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
        let data = try Self.prepareStore(
            vigil, count: context.count, seed: context.seed, directory: directory, environment: environment)
        let rpz = try VigilChild.launch(
            vigil, ["blocklist", "render", "bench", "--format", "rpz", "-o", directory + "/bench.rpz", "--json", "--data", data],
            environment: environment)
        let nft = try VigilChild.launch(
            vigil, ["blocklist", "render", "bench", "--format", "nft", "-o", directory + "/bench.nft", "--json", "--data", data],
            environment: environment)
        struct Written: Decodable { var entries: String; var serial: String }
        let written = try JSONDecoder().decode(Written.self, from: Data(rpz.output.utf8))
        let entries = Int(written.entries) ?? 0
        var peer: PeerResult?
        if context.peer {
            peer = try runPythonPeer(
                name: "python3 sqlite3 + ipaddress zone writer", script: try peerScript("rpz_from_sqlite.py"),
                arguments: [data + "/vigil.sqlite", directory + "/peer.rpz"])
        }
        return BenchmarkResult(items: entries, seconds: rpz.seconds, peer: peer, notes: (keep ? ["kept \(directory)"] : []) + [
            String(format: "rpz: %d entries in %.2f s, %@ lines, peak RSS ≤ %d MB", entries, rpz.seconds,
                   String(Self.lineCount(directory + "/bench.rpz")), rpz.maxRSSMegabytes),
            String(format: "nft: %.2f s, peak RSS ≤ %d MB (the largest child so far)", nft.seconds, nft.maxRSSMegabytes),
        ])
    }

    /// A data directory under `directory` with the list `bench` (every address and name type) and
    /// `count` generated entries imported through `vigil source run`; `extraConfig` is appended to
    /// its configuration. Returns the data directory.
    static func prepareStore(
        _ vigil: String, count: Int, seed: UInt64, directory: String, environment: [String: String], extraConfig: String = ""
    ) throws -> String {
        let feed = directory + "/feed.csv"
        try writeFeed(count: count, seed: seed, to: feed)
        let data = directory + "/data"
        _ = try VigilChild.launch(vigil, ["init", "--data", data], environment: environment)
        let config = data + "/vigil.yaml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        if !extraConfig.isEmpty, let start = text.range(of: "\nzone_transfer:\n"), let end = text.range(of: "\nlog:", range: start.upperBound..<text.endIndex) {
            text.removeSubrange(start.lowerBound..<end.lowerBound)
        }
        try (text.replacingOccurrences(of: "\nblocklists: []\n", with: "\n") + """
            blocklists:
              - name: bench
                types: [domain, domain-suffix, ipv4, ipv6, cidr4, cidr6]
                min_confidence: 50
                max_tlp: GREEN

            """ + extraConfig).write(toFile: config, atomically: true, encoding: .utf8)
        try importFeed(vigil, name: "bench", path: feed, data: data, environment: environment)
        return data
    }

    /// Adds the CSV feed at `path` as source `name` and runs it.
    static func importFeed(_ vigil: String, name: String, path: String, data: String, environment: [String: String]) throws {
        _ = try VigilChild.launch(vigil, [
            "source", "add", name, "--data", data, "--format", "csv", "--option", "value_column=value", "--option", "type_column=type",
            "--location", path, "--tlp", "GREEN", "--reliability", "90", "--threat-type", "c2",
        ], environment: environment)
        _ = try VigilChild.launch(vigil, ["source", "run", name, "--data", data], environment: environment)
    }

    /// `value,type` lines: 80 % random domains (a tenth of them with their subdomains), 20 % IPv4
    /// /24 and /32 and IPv6 /48 prefixes, all outside the warning lists' ranges.
    static func writeFeed(count: Int, seed: UInt64, to path: String) throws {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let tlds = ["com", "net", "org", "info", "biz", "xyz", "top", "ru", "cn", "io"]
        var text = "value,type\n"
        text.reserveCapacity(count * 28)
        for index in 0..<count {
            let random = next()
            if index % 5 != 4 {
                let label = String(random & 0xFFFF_FFFF_FFFF, radix: 36)
                text += "h\(label).\(tlds[Int(random >> 56) % tlds.count]),\(index % 10 == 0 ? "domain-suffix" : "domain")\n"
            } else {
                let a = 45 + Int((random >> 8) % 50), b = Int((random >> 16) & 0xFF), c = Int((random >> 24) & 0xFF)
                switch random % 3 {
                case 0: text += "\(a).\(b).\(c).0/24,cidr4\n"
                case 1: text += "\(a).\(b).\(c).\(1 + Int((random >> 32) % 254)),ipv4\n"
                default: text += "2a0\(Int(random >> 60) % 9 + 1):\(String(b, radix: 16)):\(String(c, radix: 16))::/48,cidr6\n"
                }
            }
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func lineCount(_ path: String) -> Int {
        (try? String(contentsOfFile: path, encoding: .utf8))?.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } ?? 0
    }
}
