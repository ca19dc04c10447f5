import Foundation

// vigil-bench: the benchmark harness. Each benchmark is one file with a type conforming
// to `Benchmark`; list it here.

let allBenchmarks: [any Benchmark] = [
    CanonicaliseBenchmark(),
    WarningListBenchmark(),
    IngestParseBenchmark(),
    IngestStoreBenchmark(engine: .sqlite),
    IngestStoreBenchmark(engine: .postgres),
    BlocklistRenderBenchmark(),
    ZoneTransferBenchmark(),
    MatchBenchmark(),
    OwnersBenchmark(),
    SharingBenchmark(),
    WebUIBenchmark(),
]

exit(benchmarkMain(allBenchmarks))
