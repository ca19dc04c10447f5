import Foundation
import VigilCore

/// Canonicalises a deterministic mix of raw indicator values of every type on one core
/// (`IndicatorValue(parsing:as:)`). Goal: 2,000,000 values per second.
/// Peer: `Benchmarks/peers/canonicalise.py`, the same job with Python's ipaddress,
/// idna codec, urllib.parse and str.lower, on the same generated file.
struct CanonicaliseBenchmark: Benchmark {
    let name = "canonicalise"
    let summary = "canonicalise mixed raw indicator values on one core (goal 2M/s)"
    let defaultCount = 1_000_000
    let goal = 2_000_000.0

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        var corpus = IndicatorCorpus(seed: context.seed)
        let items = corpus.generate(count: context.count)

        var emitPath = context.emitPath
        var temporary: String?
        if emitPath == nil && context.peer {
            temporary = NSTemporaryDirectory() + "vigil-bench-canonicalise-\(getpid()).tsv"
            emitPath = temporary
        }
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        if let emitPath { try write(items, to: emitPath) }

        // Warm up, then time the best of `repetitions` full passes.
        var checksum = 0
        var errors = 0
        for item in items.prefix(50_000) { checksum &+= canonicalLength(item.raw, item.type, &errors) }
        errors = 0
        let seconds = bestTime(repetitions: context.repetitions) {
            errors = 0
            for item in items { checksum &+= canonicalLength(item.raw, item.type, &errors) }
        }
        var notes = ["\(errors) values rejected (expected 0); checksum \(checksum)"]
        // Per-type rates (one pass each) show where the time goes.
        var rates: [String] = []
        for type in IndicatorType.allCases {
            let subset = items.filter { $0.type == type }
            if subset.isEmpty { continue }
            let s = bestTime(repetitions: 1) {
                for item in subset { checksum &+= canonicalLength(item.raw, item.type, &errors) }
            }
            rates.append("\(type.rawValue) \(subset.count) @ \(formatRate(Double(subset.count) / s))/s")
        }
        notes.append("per type: " + rates.joined(separator: ", "))

        var peer: PeerResult?
        if context.peer, let emitPath {
            let script = try peerScript("canonicalise.py")
            let outPath = emitPath + ".peer-out"
            defer { try? FileManager.default.removeItem(atPath: outPath) }
            peer = try runPythonPeer(name: "python3 canonicalise.py", script: script,
                                     arguments: [emitPath, "--out", outPath])
            notes.append("peer rejected \(peer!.errors) values")
            notes += try compare(items, withPeerOutput: outPath)
        }
        return BenchmarkResult(items: items.count, seconds: seconds, peer: peer, notes: notes)
    }

    @inline(never)
    private func canonicalLength(_ raw: String, _ type: IndicatorType, _ errors: inout Int) -> Int {
        do {
            return try IndicatorValue(parsing: raw, as: type).canonical.utf8.count
        } catch {
            errors += 1
            return 0
        }
    }

    private func write(_ items: [(type: IndicatorType, raw: String)], to path: String) throws {
        var text = ""
        text.reserveCapacity(items.count * 40)
        for item in items {
            text += item.type.rawValue
            text += "\t"
            text += item.raw
            text += "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Compares our canonical forms with the peer's (one output line per input line).
    private func compare(_ items: [(type: IndicatorType, raw: String)], withPeerOutput path: String) throws -> [String] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var differ: [IndicatorType: Int] = [:]
        var examples: [IndicatorType: String] = [:]
        for (i, item) in items.enumerated() where i < lines.count {
            let ours = (try? IndicatorValue(parsing: item.raw, as: item.type).canonical) ?? "<error>"
            if ours != lines[i] {
                differ[item.type, default: 0] += 1
                if examples[item.type] == nil { examples[item.type] = "\(item.raw) -> vigil \(ours) | peer \(lines[i])" }
            }
        }
        let total = differ.values.reduce(0, +)
        var notes = [String(format: "agreement with the peer: %.2f%% (%d of %d differ)",
                            100 * Double(items.count - total) / Double(max(1, items.count)), total, items.count)]
        for t in IndicatorType.allCases where differ[t] != nil {
            notes.append("  \(t.rawValue): \(differ[t]!) differ, e.g. \(examples[t]!)")
        }
        return notes
    }
}
