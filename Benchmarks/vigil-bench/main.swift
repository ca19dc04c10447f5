import Foundation

// vigil-bench: the benchmark harness. Each benchmark is one file with a type conforming
// to `Benchmark`; list it here.

let allBenchmarks: [any Benchmark] = [
    CanonicaliseBenchmark(),
    WarningListBenchmark(),
]

exit(benchmarkMain(allBenchmarks))
