import Foundation
import VigilCore
import VigilFormats

/// Exports to a partner: 1,000,000 canonical indicators of every type written as one streaming
/// STIX 2.1 bundle (indicator, observable with its deterministic id, relationship) and as a MISP
/// feed, with the peak memory of each. With `--peer`, the `stix2` Python library builds and
/// serialises the same indicators (patterns, observables, relationships) on a slice of them.
struct SharingBenchmark: Benchmark {
    let name = "sharing"
    let summary = "export 1 M indicators as a STIX 2.1 bundle (goal ≤ 5 s: 200 k indicators/s) and as a MISP feed"
    let defaultCount = 1_000_000
    let goal = 200_000.0

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        var corpus = IndicatorCorpus(seed: context.seed)
        let now: Int64 = 1_795_651_200_000
        let indicators: [STIXExportIndicator] = corpus.generate(count: context.count).enumerated().compactMap { n, item in
            guard let value = try? IndicatorValue(parsing: item.raw, as: item.type) else { return nil }
            return STIXExportIndicator(
                id: String(format: "ind-%08d", n), value: value, tlp: n % 3 == 0 ? .amber : .green, threatType: "c2",
                confidence: 70, description: "", created: now, modified: now, validFrom: now, validUntil: now + 30 * 86_400_000,
                revoked: n % 100 == 0, tags: ["bench"])
        }
        var bytes = 0
        var objects = 0
        let stix = try timedThrowing {
            var writer = STIXBundleWriter(producer: "CERT Benchmarkland", bundleName: "bench", now: now) { bytes += $0.count }
            for indicator in indicators { try writer.add(indicator) }
            try writer.finish()
            objects = writer.objectCount
        }
        let rssAfterSTIX = MatchBenchmark.peakRSSMegabytes()
        var files = 0, feedBytes = 0
        let misp = try timedThrowing {
            var feed = MISPFeedWriter(producer: "CERT Benchmarkland", now: now)
            for indicator in indicators where !indicator.revoked {
                feed.add(MISPExportAttribute(
                    id: indicator.id, value: indicator.value, tlp: indicator.tlp, threatType: indicator.threatType, toIDS: true,
                    comment: "", firstSeen: now, lastSeen: now, tags: indicator.tags))
            }
            let written = try feed.files()
            files = written.count
            feedBytes = written.reduce(0) { $0 + $1.bytes.count }
        }
        var notes = [
            String(format: "STIX bundle: %d indicators, %d objects, %.0f MB in %.2f s (%@ indicators/s)", indicators.count, objects,
                   Double(bytes) / 1e6, stix, formatRate(Double(indicators.count) / stix)),
            String(format: "MISP feed: %d files, %.0f MB in %.2f s (%@ attributes/s)", files, Double(feedBytes) / 1e6, misp,
                   formatRate(Double(indicators.count) / misp)),
            "vigil-bench peak RSS \(MatchBenchmark.peakRSSMegabytes()) MB (after STIX: \(rssAfterSTIX) MB; the corpus itself is in it)",
        ]
        var peer: PeerResult?
        if context.peer {
            let slice = min(indicators.count, 20_000)
            let directory = try IngestFeed.temporaryDirectory("sharing")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let input = directory + "/indicators.tsv"
            try indicators.prefix(slice).map { "\($0.value.type.rawValue)\t\($0.value.canonical)" }.joined(separator: "\n")
                .write(toFile: input, atomically: false, encoding: .utf8)
            peer = try runPythonPeer(name: "python3 stix2 (\(slice) indicators)", script: try peerScript("stix2_export.py"), arguments: [input])
            notes.append("the peer builds and serialises \(slice) of them; the ratio compares indicators per second")
        }
        return BenchmarkResult(items: indicators.count, seconds: stix, peer: peer, notes: notes)
    }

    private func timedThrowing(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
