/// Runs a byte stream of one log format through `TelemetryMatcher`s, a batch of blocks at a
/// time, on up to `threads` cores.
///
/// Input is cut into blocks of whole lines. The first block is scanned alone, so a scanner
/// that learns from a header (Zeek's `#fields`, a CSV header) has learnt it before its state
/// is copied to the parallel workers. Each batch takes the indicator set current when it
/// starts: a set swapped during a scan applies from the next batch on, and every line is
/// scanned exactly once.
public struct TelemetryStream: Sendable {
    /// Lines longer than this are cut (and then fail as malformed): a bound on memory.
    public static let maxLineBytes = 1 << 20

    private var matcher: TelemetryMatcher
    private let threads: Int
    private let blockBytes: Int

    /// A stream for `scanner` on `threads` workers with blocks of about `blockBytes`.
    public init(scanner: AnyTelemetryScanner, threads: Int = 1, blockBytes: Int = 1 << 20) {
        matcher = TelemetryMatcher(scanner: scanner)
        self.threads = max(1, threads)
        self.blockBytes = max(1, blockBytes)
    }

    /// Reads chunks from `read` (nil or empty at the end), scans them with the set `snapshot`
    /// returns at each batch, and hands each batch's hits and counts to `deliver` in input order.
    /// Returns the counts of the whole stream.
    public mutating func run(
        read: () async throws -> [UInt8]?,
        snapshot: @Sendable () -> IndicatorSet,
        deliver: ([TelemetryHit], ScanStatistics) async throws -> Void
    ) async throws -> ScanStatistics {
        var total = ScanStatistics()
        var nextLine = 1
        var carry: [UInt8] = []
        var blocks: [[UInt8]] = []
        var pendingBytes = 0
        var first = true
        var ended = false
        while !ended {
            if let chunk = try await read(), !chunk.isEmpty {
                carry += chunk
                guard let lastNewline = carry.lastIndex(of: 0x0A) else {
                    if carry.count > Self.maxLineBytes {
                        blocks.append(carry)
                        pendingBytes += carry.count
                        carry = []
                    }
                    continue
                }
                blocks.append(Array(carry[...lastNewline]))
                pendingBytes += lastNewline + 1
                carry = Array(carry[(lastNewline + 1)...])
            } else {
                ended = true
                if !carry.isEmpty { blocks.append(carry) }
                carry = []
            }
            let ready = first ? pendingBytes > 0 : pendingBytes >= blockBytes * threads
            guard ready || (ended && !blocks.isEmpty) else { continue }
            let batch = split(blocks, into: first ? 1 : threads)
            blocks = []
            pendingBytes = 0
            let (hits, counts) = await scan(batch, firstLine: nextLine, set: snapshot())
            first = false
            nextLine += counts.lines
            total.merge(counts)
            try await deliver(hits, counts)
        }
        return total
    }

    /// The pending blocks regrouped as `parts` blocks of about equal size, cut at line ends.
    private func split(_ blocks: [[UInt8]], into parts: Int) -> [[UInt8]] {
        let joined = blocks.count == 1 ? blocks[0] : Array(blocks.joined())
        guard parts > 1, joined.count > 4096 else { return [joined] }
        var result: [[UInt8]] = []
        var start = 0
        for part in 1..<parts {
            var cut = joined.count * part / parts
            while cut < joined.count, joined[cut - 1] != 0x0A { cut += 1 }
            if cut > start && cut < joined.count {
                result.append(Array(joined[start..<cut]))
                start = cut
            }
        }
        result.append(Array(joined[start...]))
        return result
    }

    /// Scans `blocks` in parallel (one alone when it is a single block), each with a copy of the
    /// matcher; the matcher then carries on with the state after the last block.
    private mutating func scan(
        _ blocks: [[UInt8]], firstLine: Int, set: IndicatorSet
    ) async -> ([TelemetryHit], ScanStatistics) {
        if blocks.count == 1 {
            var statistics = ScanStatistics()
            var hits: [TelemetryHit] = []
            blocks[0].withUnsafeBufferPointer {
                matcher.scan(block: $0, firstLine: firstLine, against: set, statistics: &statistics, hits: &hits)
            }
            return (hits, statistics)
        }
        var starts: [Int] = []
        var line = firstLine
        for block in blocks {
            starts.append(line)
            line += block.withUnsafeBufferPointer { TelemetryMatcher.lineCount($0) }
        }
        let template = matcher
        let results = await withTaskGroup(of: (Int, [TelemetryHit], ScanStatistics, TelemetryMatcher).self) { group in
            for (index, block) in blocks.enumerated() {
                let start = starts[index]
                group.addTask {
                    var worker = template
                    var statistics = ScanStatistics()
                    var hits: [TelemetryHit] = []
                    block.withUnsafeBufferPointer {
                        worker.scan(block: $0, firstLine: start, against: set, statistics: &statistics, hits: &hits)
                    }
                    return (index, hits, statistics, worker)
                }
            }
            var collected: [(Int, [TelemetryHit], ScanStatistics, TelemetryMatcher)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }
        }
        var statistics = ScanStatistics()
        var hits: [TelemetryHit] = []
        for result in results {
            hits += result.1
            statistics.merge(result.2)
        }
        if let last = results.last { matcher = last.3 }
        return (hits, statistics)
    }
}
