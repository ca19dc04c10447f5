import Foundation

/// The web UI under load: `vigil serve` over the demo data plus `--count` generated indicators
/// (filled through `vigil source run`, untimed), an analyst's API token, and `HTTPLoad` sending
/// search pages from four connections — exact values, prefixes, CIDR blocks, type filters
/// sorted by time and by value, status and TLP filters — then rendering the dashboard.
/// The row's figure is the search's p99 (goal ≤ 100 ms); the dashboard's p99 is a note (goal ≤ 200 ms).
/// No peer: MISP and OpenCTI need their own stacks (MySQL and Redis, Elasticsearch), which do not run here.
struct WebUIBenchmark: Benchmark {
    let name = "ui"
    let summary = "indicator search pages p99 over 1 M indicators on SQLite (goal ≤ 100 ms), dashboard p99 (goal ≤ 200 ms)"
    let defaultCount = 1_000_000
    /// One search in 100 ms.
    let goal = 10.0
    static let workers = 4

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        let vigil = try VigilChild.binary()
        let environment = VigilChild.environment()
        let directory = try IngestFeed.temporaryDirectory("ui")
        defer { if environment["VIGIL_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let data = directory + "/data"
        _ = try VigilChild.launch(vigil, ["demo", "--data", data, "--load-only"], environment: environment)
        // The demo's TAXII partner would have its million-object collection rebuilt every minute
        // (issue 7's open scaling point); once a day keeps that job out of the UI's figures.
        let config = data + "/vigil.yaml"
        try (try String(contentsOfFile: config, encoding: .utf8))
            .replacingOccurrences(of: "\nsharing:\n", with: "\nsharing:\n  taxii_publish_seconds: 86400\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let feed = directory + "/feed.csv"
        try BlocklistRenderBenchmark.writeFeed(count: context.count, seed: context.seed, to: feed)
        try BlocklistRenderBenchmark.importFeed(vigil, name: "bench", path: feed, data: data, environment: environment)

        let port = try DNSTransferClient.freePort()
        let server = try VigilChild.start(vigil, ["serve", "--data", data, "--port", String(port)], environment: environment,
                                          log: directory + "/serve.log")
        defer { server.terminate(); server.waitUntilExit() }
        let token = try Self.token(port: port)
        let settled = try Self.waitUntilIdle(server)
        let headers = ["Authorization": "Bearer \(token)"]
        let paths = try Self.searches(feed: feed, count: max(200, min(2_000, context.count / 10)), seed: context.seed)
        _ = try HTTPLoad.run(port: port, paths: Array(paths.prefix(40)), headers: headers, workers: Self.workers)  // warm-up
        let search = try HTTPLoad.run(port: port, paths: paths, headers: headers, workers: Self.workers)
        guard search.failures.isEmpty else { throw BenchmarkError(description: "search: \(search.failures.prefix(5))") }
        let cold = try HTTPLoad.run(port: port, paths: ["/"], headers: headers, workers: 1)
        let dashboard = try HTTPLoad.run(port: port, paths: Array(repeating: "/", count: 40), headers: headers, workers: 2)
        guard dashboard.failures.isEmpty else { throw BenchmarkError(description: "dashboard: \(dashboard.failures.prefix(5))") }
        let p99 = search.percentile(0.99)
        let dashboardP99 = dashboard.percentile(0.99)
        func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
        return BenchmarkResult(items: 1, seconds: p99, peer: nil, notes: [
            "search: \(search.latencies.count) pages over \(Self.workers) connections: p50 \(ms(search.percentile(0.5))), "
                + "p95 \(ms(search.percentile(0.95))), p99 \(ms(p99)), max \(ms(search.percentile(1))); "
                + String(format: "%.0f pages/s", search.requestsPerSecond),
            "dashboard: first render \(ms(cold.percentile(1))); 40 renders over 2 connections: p50 \(ms(dashboard.percentile(0.5))), "
                + "p99 \(ms(dashboardP99)) — goal ≤ 200 ms: \(dashboardP99 <= 0.2 ? "met" : "NOT met")",
            "measured once vigil serve was idle (start-up work: compiling the matcher, mapping owners, the first TAXII "
                + "publication) after \(settled) s; vigil serve peak RSS ≤ \(VigilChild.peakRSSMegabytes(of: server)) MB",
        ])
    }

    /// Waits until `server` used under a tenth of a core over two seconds (at most ten minutes); the seconds waited.
    static func waitUntilIdle(_ server: Process) throws -> Int {
        func cpuTicks() -> Int {
            guard let stat = try? String(contentsOfFile: "/proc/\(server.processIdentifier)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return 0 }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)  // utime, stime
        }
        let start = Date()
        while Date().timeIntervalSince(start) < 600 {
            let before = cpuTicks()
            Thread.sleep(forTimeInterval: 2)
            if cpuTicks() - before < 20 { return Int(Date().timeIntervalSince(start)) }
        }
        throw BenchmarkError(description: "vigil serve stayed busy for ten minutes")
    }

    /// An API token of the demo analyst, made through the API with the analyst's password.
    static func token(port: Int) throws -> String {
        let deadline = Date().addingTimeInterval(180)
        while true {
            let client = try? HTTPLoad.Client(port: port)
            let status = try? client?.get("/healthz", headers: [:]).status
            client?.close()
            if status == 200 { break }
            guard Date() < deadline else { throw BenchmarkError(description: "vigil serve did not answer /healthz") }
            Thread.sleep(forTimeInterval: 0.3)
        }
        let created = try Self.post(port: port, path: "/api/v1/tokens", body: "{\"name\":\"bench\"}",
                                    basic: Data("analyst:analyst-demo-pass".utf8).base64EncodedString())
        guard let object = try JSONSerialization.jsonObject(with: Data(created)) as? [String: Any],
              let secret = object["secret"] as? String else { throw BenchmarkError(description: "no token: \(String(decoding: created, as: UTF8.self))") }
        return secret
    }

    static func post(port: Int, path: String, body: String, basic: String) throws -> [UInt8] {
        let socket = try DNSTransferClient.Socket(port: port)
        defer { socket.close() }
        try socket.write(Array(("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic \(basic)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)").utf8))
        var answer: [UInt8] = []
        while let chunk = try? socket.read(1), !chunk.isEmpty { answer += chunk }
        guard let start = answer.firstRange(of: [13, 10, 13, 10])?.upperBound else { return [] }
        return Array(answer[start...])
    }

    /// The search mix, in a shuffled but seeded order, built from values the feed holds.
    static func searches(feed: String, count: Int, seed: UInt64) throws -> [String] {
        let lines = try String(contentsOfFile: feed, encoding: .utf8).split(separator: "\n").dropFirst()
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func pick(_ type: String) -> String {
            while true {
                let line = lines[next(lines.count)]
                if line.hasSuffix("," + type) { return String(line.dropLast(type.count + 1)) }
            }
        }
        func encoded(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? text
        }
        var paths: [String] = []
        for index in 0..<count {
            switch index % 8 {
            case 0: paths.append("/indicators?match=exact&q=" + encoded(pick("domain")))
            case 1: paths.append("/indicators?match=prefix&q=" + encoded(String(pick("domain").prefix(4))))
            case 2:
                let octets = pick("cidr4").split(separator: ".")
                paths.append("/indicators?match=cidr&q=" + encoded("\(octets[0]).\(octets[1]).0.0/16"))
            case 3: paths.append("/indicators?type=domain")
            case 4: paths.append("/indicators?type=ipv4&sort=value")
            case 5: paths.append("/indicators?status=active&tlp=GREEN")
            case 6: paths.append("/indicators?match=exact&q=" + encoded(pick("ipv4")))
            default: paths.append("/indicators?match=prefix&q=" + encoded(String(pick("domain").prefix(2))) + "&sort=value")
            }
        }
        return paths
    }
}
