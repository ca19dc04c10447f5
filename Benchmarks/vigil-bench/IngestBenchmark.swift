import Foundation
import VigilCore
import VigilFormats
import VigilMatch

/// A generated CSV feed like the ones CERTs exchange: `indicator,type,threat,confidence,first_seen`,
/// values of every type from the warning-list generator (public-looking, about one in eight on a
/// warning list), some written in upper case so that canonicalisation has work to do.
enum IngestFeed {
    static let header = "indicator,type,threat,confidence,first_seen"
    static let options: FeedOptions = [
        "value_column": "indicator", "type_column": "type", "threat_type_column": "threat",
        "confidence_column": "confidence", "first_seen_column": "first_seen",
    ]

    /// Writes `count` lines to `path` and returns the path.
    static func write(count: Int, seed: UInt64, to path: String) throws {
        var generator = WarningListValues(seed: seed)
        let sites = generator.siteNames(count: 10_000)
        let values = generator.values(count: count, sites: sites)
        let threats = ThreatType.allCases.map(\.rawValue)
        var text = header + "\n"
        text.reserveCapacity(count * 48)
        for (index, value) in values.enumerated() {
            let raw = index % 7 == 0 && value.type == .domain ? value.canonical.uppercased() + "." : value.canonical
            text += "\(raw),\(value.type.rawValue),\(threats[index % threats.count]),\(40 + index % 60),2026-11-0\(1 + index % 9) 12:00:00\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "vigil-bench-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Parse + canonicalise + warning-list check of the generated CSV feed on one core, no store.
struct IngestParseBenchmark: Benchmark {
    let name = "ingest-parse"
    let summary = "parse, canonicalise and warning-list-check a generated CSV feed on one core (goal 1M lines/s)"
    let defaultCount = 1_000_000
    let goal = 1_000_000.0

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        let directory = try IngestFeed.temporaryDirectory("parse")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/feed.csv"
        try IngestFeed.write(count: context.count, seed: context.seed, to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let lists = WarningListSet.builtIn()
        var items = 0, rejected = 0, suppressed = 0
        let seconds = try bestTimeThrowing(repetitions: context.repetitions) {
            items = 0; rejected = 0; suppressed = 0
            var reader = LineReader(bytes: bytes)
            var format = try CSVFormat(options: IngestFeed.options)
            var records: [FeedRecord] = []
            records.reserveCapacity(4096)
            while let line = try reader.next() {
                format.read(line, into: &records)
                if records.count >= 4096 { tally(&records, lists, &items, &rejected, &suppressed) }
            }
            tally(&records, lists, &items, &rejected, &suppressed)
        }
        return BenchmarkResult(items: context.count, seconds: seconds, peer: nil, notes: [
            "\(items) items, \(suppressed) suppressed by warning lists, \(rejected) rejected",
        ])
    }

    private func tally(_ records: inout [FeedRecord], _ lists: WarningListSet, _ items: inout Int, _ rejected: inout Int, _ suppressed: inout Int) {
        for record in records {
            switch record {
            case .item(let item):
                items += 1
                if lists.check(item.value) != nil { suppressed += 1 }
            case .rejection:
                rejected += 1
            }
        }
        records.removeAll(keepingCapacity: true)
    }
}

/// Times a throwing body like `bestTime`.
func bestTimeThrowing(repetitions: Int, _ body: () throws -> Void) throws -> Double {
    var failure: (any Error)?
    let seconds = bestTime(repetitions: repetitions) {
        do { try body() } catch { failure = error }
    }
    if let failure { throw failure }
    return seconds
}
