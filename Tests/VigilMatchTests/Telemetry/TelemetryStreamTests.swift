import Synchronization
import Testing
import VigilCore
import VigilMatch

@Suite("TelemetryStream: blocks, threads and reloads")
struct TelemetryStreamTests {
    /// Feeds `bytes` in chunks of `chunk` bytes through a stream and returns its hits and counts.
    private func stream(
        _ bytes: [UInt8], _ format: TelemetryFormat, chunk: Int, threads: Int, blockBytes: Int,
        snapshot: @escaping @Sendable () -> IndicatorSet
    ) async throws -> ([TelemetryHit], ScanStatistics, Int) {
        var s = TelemetryStream(scanner: AnyTelemetryScanner(format: format, year: 2026), threads: threads, blockBytes: blockBytes)
        var offset = 0
        var hits: [TelemetryHit] = []
        var batches = 0
        let total = try await s.run(read: {
            guard offset < bytes.count else { return nil }
            defer { offset += chunk }
            return Array(bytes[offset..<min(offset + chunk, bytes.count)])
        }, snapshot: snapshot, deliver: { batch, _ in
            hits += batch
            batches += 1
        })
        return (hits, total, batches)
    }

    @Test("any chunking and two threads give the same hits, line numbers and counts as one block", arguments: [
        ("zeek-dns.log", TelemetryFormat.zeekDNS), ("flows.csv", .flowCSV), ("unbound.log", .unbound), ("squid-access.log", .squid),
    ])
    func chunkingChangesNothing(sample: String, format: TelemetryFormat) async throws {
        let set = try sampleIndicators()
        // Repeated so that the parallel batches have several blocks; headers only at the top.
        let one = try telemetrySample(sample)
        let bytes = one + Array(repeating: one.split(separator: 0x0A, omittingEmptySubsequences: false)
            .filter { !$0.starts(with: [0x23]) && !($0.starts(with: Array("ts,".utf8))) }
            .joined(separator: [0x0A]), count: 40).joined(separator: [0x0A]) + [0x0A]
        let (expectedStats, expectedHits) = scanSample(bytes, format, set: set)
        for (chunk, threads, blockBytes) in [(7, 2, 64), (1000, 2, 512), (1 << 20, 1, 1 << 20), (13, 1, 100)] {
            let (hits, stats, _) = try await stream(bytes, format, chunk: chunk, threads: threads, blockBytes: blockBytes) { set }
            #expect(hitLines(hits) == hitLines(expectedHits), "chunk \(chunk), threads \(threads)")
            #expect(stats.lines == expectedStats.lines && stats.hits == expectedStats.hits
                    && stats.malformed == expectedStats.malformed && stats.bytes == bytes.count)
            #expect(stats.samples.map(\.line) == expectedStats.samples.map(\.line))
        }
    }

    @Test("a set swapped while the stream runs applies from the next batch; no line is dropped or scanned twice")
    func reloadWhileRunning() async throws {
        let before = try sampleIndicators()
        var builder = IndicatorSet.Builder()
        builder.add(try IndicatorValue(parsing: "benign.example.org", as: .domain))
        let after = builder.build()
        let line = Array("[1764115201] unbound[1:0] info: 192.0.2.10 www.evil-domain.example. A IN\n[1764115201] unbound[1:0] info: 192.0.2.11 benign.example.org. A IN\n".utf8)
        let bytes = Array(Array(repeating: line, count: 5000).joined())
        let batchesSeen = Mutex(0)
        let (hits, stats, batches) = try await stream(bytes, .unbound, chunk: 4096, threads: 2, blockBytes: 8192) {
            // The fifth batch and later see the new set.
            batchesSeen.withLock { n in
                n += 1
                return n >= 5 ? after : before
            }
        }
        #expect(stats.lines == 10_000 && stats.records == 10_000)
        let early = hits.filter { $0.indicator.canonical == "www.evil-domain.example" }
        let late = hits.filter { $0.indicator.canonical == "benign.example.org" }
        #expect(!early.isEmpty && !late.isEmpty && batches > 5)
        // Odd lines name the old set's domain, even lines the new one's. Lines before the swap
        // are scanned with the old set only, lines from it on with the new one only, each once.
        let swap = late.map(\.line).min()!
        #expect(early.map(\.line) == Array(stride(from: 1, to: swap, by: 2)))
        #expect(late.map(\.line) == Array(stride(from: swap, through: 10_000, by: 2)))
        #expect(swap % 2 == 0 && swap > 2)
    }
}
