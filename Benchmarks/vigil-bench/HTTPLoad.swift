import Foundation

/// A small HTTP/1.1 load tool on loopback: each worker thread keeps one connection alive and
/// sends its share of the requests one after another; every answer's latency (first byte sent
/// to last byte read) is kept, so that percentiles are exact rather than estimated.
enum HTTPLoad {
    /// What a run measured.
    struct Report {
        var latencies: [Double]
        var seconds: Double
        var failures: [String]

        func percentile(_ p: Double) -> Double {
            let sorted = latencies.sorted()
            guard !sorted.isEmpty else { return .infinity }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }

        var requestsPerSecond: Double { seconds > 0 ? Double(latencies.count) / seconds : 0 }
    }

    /// Sends every path of `paths` once, spread over `workers` connections, with `headers` on each request.
    static func run(port: Int, paths: [String], headers: [String: String], workers: Int) throws -> Report {
        let collected = Collected()
        let start = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var mine: [Double] = []
            var problems: [String] = []
            do {
                let client = try Client(port: port)
                defer { client.close() }
                for path in stride(from: worker, to: paths.count, by: workers).map({ paths[$0] }) {
                    let began = ContinuousClock.now
                    let answer = try client.get(path, headers: headers)
                    mine.append(seconds(ContinuousClock.now - began))
                    if answer.status != 200 { problems.append("\(answer.status) \(path)") }
                }
            } catch {
                problems.append("worker \(worker): \(error)")
            }
            collected.add(mine, problems)
        }
        return Report(latencies: collected.latencies, seconds: seconds(ContinuousClock.now - start), failures: collected.failures)
    }

    /// The workers' results, gathered under a lock.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var latencies: [Double] = []
        private(set) var failures: [String] = []

        func add(_ latencies: [Double], _ failures: [String]) {
            lock.lock()
            defer { lock.unlock() }
            self.latencies += latencies
            self.failures += failures
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// One keep-alive connection.
    final class Client {
        let socket: DNSTransferClient.Socket
        private var buffer: [UInt8] = []

        init(port: Int) throws { socket = try DNSTransferClient.Socket(port: port) }

        func close() { socket.close() }

        /// GETs `path`; the status and body (Content-Length bodies only: Vigil's pages have one).
        func get(_ path: String, headers: [String: String]) throws -> (status: Int, body: [UInt8]) {
            var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            for (name, value) in headers { request += "\(name): \(value)\r\n" }
            try socket.write(Array((request + "\r\n").utf8))
            var headerEnd: Int?
            while headerEnd == nil {
                headerEnd = buffer.firstRange(of: [13, 10, 13, 10])?.upperBound
                if headerEnd == nil { try fill() }
            }
            let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
            let status = Int(head.split(separator: " ", maxSplits: 2)[1]) ?? 0
            let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            while buffer.count < headerEnd! + length { try fill() }
            let body = Array(buffer[headerEnd!..<(headerEnd! + length)])
            buffer.removeFirst(headerEnd! + length)
            return (status, body)
        }

        private func fill() throws {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(socket.descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw BenchmarkError(description: "recv: connection closed or timed out (errno \(errno))") }
            buffer += chunk[..<count]
        }
    }
}
