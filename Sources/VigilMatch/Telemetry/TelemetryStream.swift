/// Runs a byte stream of one log format through `TelemetryMatcher`s, a batch of blocks at a
/// time, on up to `threads` cores.
///
/// Input is cut into blocks of whole lines without copying the chunks read (a line split across
/// two chunks becomes a small block of its own). The first block is scanned alone, so a scanner
/// that learns from a header (Zeek's `#fields`, a CSV header) has learnt it before its state is
/// copied to the parallel workers. Each batch takes the indicator set current when it starts: a
/// set swapped during a scan applies from the next batch on, and every line is scanned exactly
/// once.
public struct TelemetryStream: Sendable {
    /// Lines longer than this are cut (and then fail as malformed): a bound on memory.
    public static let maxLineBytes = 1 << 20

    private var matcher: TelemetryMatcher
    private let threads: Int
    private let blockBytes: Int

    /// A stream for `scanner` on `threads` workers with batches of about `blockBytes` per worker.
    public init(scanner: AnyTelemetryScanner, threads: Int = 1, blockBytes: Int = 1 << 20) {
        matcher = TelemetryMatcher(scanner: scanner)
        self.threads = max(1, threads)
        self.blockBytes = max(1, blockBytes)
    }

    /// Reads chunks from `read` (nil at the end; an empty chunk means "nothing more for now":
    /// the complete lines held are scanned at once, as a followed log or a listener needs), scans
    /// them with the set `snapshot` returns at each batch, and hands each batch's hits and counts
    /// to `deliver` in input order. Lines are numbered from `firstLine`. Returns the counts of the
    /// whole stream.
    public mutating func run(
        read: () async throws -> [UInt8]?,
        firstLine: Int = 1,
        snapshot: @Sendable () -> IndicatorSet,
        deliver: ([TelemetryHit], ScanStatistics) async throws -> Void
    ) async throws -> ScanStatistics {
        var total = ScanStatistics()
        var nextLine = firstLine
        var partial: [UInt8] = []
        var blocks: [ArraySlice<UInt8>] = []
        var pendingBytes = 0
        var first = true
        while true {
            let next = try await read()
            let ended = next == nil, idle = next?.isEmpty == true
            let chunk = next ?? []
            if ended {
                if !partial.isEmpty { append(partial[...], to: &blocks, &pendingBytes, &partial) }
            } else if !idle {
                var body = chunk[...]
                if !partial.isEmpty {
                    // The line begun in the last chunk ends in this one (or the cap cuts it).
                    if let newline = chunk.firstIndex(of: 0x0A) {
                        partial += chunk[...newline]
                        append(partial[...], to: &blocks, &pendingBytes, &partial)
                        body = chunk[(newline + 1)...]
                    } else {
                        partial += chunk
                        if partial.count > Self.maxLineBytes { append(partial[...], to: &blocks, &pendingBytes, &partial) }
                        body = []
                    }
                }
                if let lastNewline = body.lastIndex(of: 0x0A) {
                    append(body[...lastNewline], to: &blocks, &pendingBytes, &partial)
                    partial = Array(body[(lastNewline + 1)...])
                } else if !body.isEmpty {
                    partial += body
                }
            }
            while first ? !blocks.isEmpty : pendingBytes >= blockBytes * threads || ((ended || idle) && !blocks.isEmpty) {
                let batch: [[ArraySlice<UInt8>]]
                if first {
                    batch = [[blocks.removeFirst()]]
                    pendingBytes -= batch[0][0].count
                    first = false
                } else {
                    batch = group(blocks, into: threads)
                    blocks = []
                    pendingBytes = 0
                }
                let (hits, counts) = await scan(batch, firstLine: nextLine, set: snapshot())
                nextLine += counts.lines
                total.merge(counts)
                try await deliver(hits, counts)
            }
            if ended { return total }
        }
    }

    /// Lets the scanner read `header` (Zeek's `#` lines, a CSV header) without counting it: a
    /// stream resumed in the middle of a file learns its columns this way.
    public mutating func prime(header: [UInt8]) {
        var statistics = ScanStatistics()
        var hits: [TelemetryHit] = []
        header.withUnsafeBufferPointer {
            matcher.scan(block: $0, firstLine: 0, against: .empty, statistics: &statistics, hits: &hits)
        }
    }

    private func append(
        _ block: ArraySlice<UInt8>, to blocks: inout [ArraySlice<UInt8>], _ pending: inout Int, _ partial: inout [UInt8]
    ) {
        if block.isEmpty { return }
        blocks.append(block)
        pending += block.count
        partial = []
    }

    /// `blocks` in `parts` runs of consecutive blocks of about equal size; a single large block is
    /// cut at a line end so that every worker has some.
    private func group(_ blocks: [ArraySlice<UInt8>], into parts: Int) -> [[ArraySlice<UInt8>]] {
        var blocks = blocks
        if parts > 1 && blocks.count < parts, let largest = blocks.indices.max(by: { blocks[$0].count < blocks[$1].count }) {
            let block = blocks[largest]
            var cut = block.startIndex + block.count / 2
            while cut < block.endIndex, block[cut - 1] != 0x0A { cut += 1 }
            if cut > block.startIndex && cut < block.endIndex {
                blocks.replaceSubrange(largest...largest, with: [block[..<cut], block[cut...]])
            }
        }
        let total = blocks.reduce(0) { $0 + $1.count }
        var groups: [[ArraySlice<UInt8>]] = [[]]
        var size = 0
        for block in blocks {
            if size >= total * groups.count / parts, groups.count < parts, !groups[groups.count - 1].isEmpty { groups.append([]) }
            groups[groups.count - 1].append(block)
            size += block.count
        }
        return groups
    }

    /// Scans each group of blocks on its own worker (the only group on this one), each worker with a
    /// copy of the matcher; the matcher then carries on with the state after the last group.
    private mutating func scan(
        _ groups: [[ArraySlice<UInt8>]], firstLine: Int, set: IndicatorSet
    ) async -> ([TelemetryHit], ScanStatistics) {
        if groups.count == 1 {
            var statistics = ScanStatistics()
            var hits: [TelemetryHit] = []
            Self.scan(groups[0], firstLine: firstLine, with: &matcher, set: set, &statistics, &hits)
            return (hits, statistics)
        }
        var starts: [Int] = []
        var line = firstLine
        for group in groups {
            starts.append(line)
            for block in group { line += block.withUnsafeBufferPointer { TelemetryMatcher.lineCount($0) } }
        }
        let template = matcher
        let results = await withTaskGroup(of: (Int, [TelemetryHit], ScanStatistics, TelemetryMatcher).self) { tasks in
            for (index, group) in groups.enumerated() {
                let start = starts[index]
                tasks.addTask {
                    var worker = template
                    var statistics = ScanStatistics()
                    var hits: [TelemetryHit] = []
                    Self.scan(group, firstLine: start, with: &worker, set: set, &statistics, &hits)
                    return (index, hits, statistics, worker)
                }
            }
            var collected: [(Int, [TelemetryHit], ScanStatistics, TelemetryMatcher)] = []
            for await result in tasks { collected.append(result) }
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

    private static func scan(
        _ group: [ArraySlice<UInt8>], firstLine: Int, with matcher: inout TelemetryMatcher, set: IndicatorSet,
        _ statistics: inout ScanStatistics, _ hits: inout [TelemetryHit]
    ) {
        var line = firstLine
        for block in group {
            let before = statistics.lines
            block.withUnsafeBufferPointer {
                matcher.scan(block: $0, firstLine: line, against: set, statistics: &statistics, hits: &hits)
            }
            line += statistics.lines - before
        }
    }
}
