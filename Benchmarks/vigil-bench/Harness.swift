import Foundation

/// One benchmark. To add a benchmark, add a file with a type conforming to this protocol
/// and list it in `allBenchmarks` in main.swift.
protocol Benchmark {
    /// The name used on the command line, e.g. `canonicalise`.
    var name: String { get }
    /// One line saying what is measured.
    var summary: String { get }
    /// Items processed when `--count` is not given.
    var defaultCount: Int { get }
    /// The goal in items per second (the row passes when the measured rate reaches it).
    var goal: Double { get }
    /// Runs the benchmark. Set-up that is not measured belongs here but outside the timing.
    func run(_ context: BenchmarkContext) throws -> BenchmarkResult
}

/// Options from the command line, shared by all benchmarks.
struct BenchmarkContext {
    /// Number of items (from `--count` or the benchmark's default).
    var count: Int
    /// Also run the peer implementation (`--peer`).
    var peer: Bool
    /// Write the generated input here (`--emit FILE`).
    var emitPath: String?
    /// Seed for the deterministic generators (`--seed`).
    var seed: UInt64
    /// How many timed repetitions; the best is reported (`--repeat`).
    var repetitions: Int
}

/// A peer implementation's measurement.
struct PeerResult {
    var name: String
    var items: Int
    var seconds: Double
    /// Values the peer could not process.
    var errors: Int
    /// What the peer computed, for comparing with Vigil's answer (when the peer prints one).
    var check: String? = nil
    var rate: Double { seconds > 0 ? Double(items) / seconds : 0 }
}

/// What a benchmark measured.
struct BenchmarkResult {
    var items: Int
    var seconds: Double
    var peer: PeerResult?
    /// Extra lines printed under the table (checks, agreement with the peer, …).
    var notes: [String] = []
    var rate: Double { seconds > 0 ? Double(items) / seconds : 0 }
}

/// Errors that stop a benchmark.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}

/// Times `body` `repetitions` times and returns the best wall-clock seconds.
func bestTime(repetitions: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<max(1, repetitions) {
        let start = ContinuousClock.now
        body()
        let d = ContinuousClock.now - start
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        best = min(best, s)
    }
    return best
}

/// Finds `Benchmarks/peers/NAME` from the working directory or above the executable.
func peerScript(_ name: String) throws -> String {
    let fm = FileManager.default
    var candidates = [fm.currentDirectoryPath + "/Benchmarks/peers/" + name]
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
        candidates.append(dir.appendingPathComponent("Benchmarks/peers/" + name).path)
        dir = dir.deletingLastPathComponent()
    }
    if let found = candidates.first(where: { fm.fileExists(atPath: $0) }) { return found }
    throw BenchmarkError(description: "peer script Benchmarks/peers/\(name) not found (run from the package root)")
}

/// Runs `python3 SCRIPT ARGS…`; the last line of its output must be JSON
/// `{"items": N, "seconds": S, "errors": E}` (`errors` optional).
func runPythonPeer(name: String, script: String, arguments: [String]) throws -> PeerResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchmarkError(description: "peer \(script) exited with status \(process.terminationStatus)")
    }
    struct Line: Decodable { var items: Int; var seconds: Double; var errors: Int?; var check: String? }
    let text = String(decoding: data, as: UTF8.self)
    guard let last = text.split(separator: "\n").last,
          let line = try? JSONDecoder().decode(Line.self, from: Data(last.utf8))
    else { throw BenchmarkError(description: "peer \(script) printed no result line: \(text)") }
    return PeerResult(name: name, items: line.items, seconds: line.seconds, errors: line.errors ?? 0, check: line.check)
}

/// Formats a rate like `2.41M` or `815k`.
func formatRate(_ r: Double) -> String {
    if r >= 1e6 { return String(format: "%.2fM", r / 1e6) }
    if r >= 1e3 { return String(format: "%.0fk", r / 1e3) }
    return String(format: "%.0f", r)
}

/// Prints the result table.
func printTable(_ rows: [(any Benchmark, BenchmarkResult)]) {
    func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, n - s.count))
        return right ? fill + s : s + fill
    }
    let header = pad("benchmark", 24) + pad("items", 10, right: true) + pad("seconds", 10, right: true)
        + pad("items/s", 10, right: true) + pad("goal", 10, right: true) + "  result"
    print(header)
    print(String(repeating: "-", count: header.count))
    for (b, r) in rows {
        let pass = r.rate >= b.goal
        print(pad(b.name, 24) + pad(String(r.items), 10, right: true) + pad(String(format: "%.3f", r.seconds), 10, right: true)
            + pad(formatRate(r.rate), 10, right: true) + pad(formatRate(b.goal), 10, right: true)
            + "  " + (pass ? "pass" : "FAIL"))
        if let p = r.peer {
            let ratio = p.rate > 0 ? r.rate / p.rate : 0
            print(pad("  peer", 24) + pad(String(p.items), 10, right: true)
                + pad(String(format: "%.3f", p.seconds), 10, right: true) + pad(formatRate(p.rate), 10, right: true)
                + pad("", 10) + "  " + p.name + ": vigil is " + String(format: "%.1f", ratio) + "x faster")
        }
    }
    for (b, r) in rows where !r.notes.isEmpty {
        print("")
        print("\(b.name):")
        for n in r.notes { print("  " + n) }
    }
}

/// Parses the command line, runs the selected benchmarks and prints the table.
func benchmarkMain(_ all: [any Benchmark]) -> Int32 {
    let usage = """
        usage: vigil-bench [NAME...] [--count N] [--peer] [--emit FILE] [--seed S] [--repeat R] [--strict] [--list]
          NAME       benchmarks to run (default: all): \(all.map(\.name).joined(separator: ", "))
          --count    items per benchmark (default: the benchmark's own)
          --peer     also run the peer implementation and print the ratio
          --emit     write the generated input to FILE (type<TAB>raw per line)
          --seed     generator seed (default 1)
          --repeat   timed repetitions, best reported (default 3)
          --strict   exit 1 if a benchmark misses its goal
        Build in release mode: swift run -c release vigil-bench …
        """
    var names: [String] = []
    var context = BenchmarkContext(count: 0, peer: false, emitPath: nil, seed: 1, repetitions: 3)
    var strict = false
    var args = CommandLine.arguments.dropFirst()
    func value(_ flag: String) -> String? {
        guard let v = args.popFirst() else {
            FileHandle.standardError.write(Data("\(flag) needs a value\n\(usage)\n".utf8))
            return nil
        }
        return v
    }
    while let a = args.popFirst() {
        switch a {
        case "--count":
            guard let v = value(a), let n = Int(v.replacingOccurrences(of: "_", with: "")), n > 0 else { return 2 }
            context.count = n
        case "--seed":
            guard let v = value(a), let s = UInt64(v) else { return 2 }
            context.seed = s
        case "--repeat":
            guard let v = value(a), let r = Int(v), r > 0 else { return 2 }
            context.repetitions = r
        case "--emit":
            guard let v = value(a) else { return 2 }
            context.emitPath = v
        case "--peer": context.peer = true
        case "--strict": strict = true
        case "--list":
            for b in all { print(b.name.padding(toLength: 24, withPad: " ", startingAt: 0) + b.summary) }
            return 0
        case "-h", "--help":
            print(usage)
            return 0
        default:
            if a.hasPrefix("-") || !all.contains(where: { $0.name == a }) {
                FileHandle.standardError.write(Data("unknown benchmark or option: \(a)\n\(usage)\n".utf8))
                return 2
            }
            names.append(a)
        }
    }
    #if DEBUG
    print("warning: debug build; measure with `swift run -c release vigil-bench`")
    #endif
    let selected = names.isEmpty ? all : all.filter { names.contains($0.name) }
    var rows: [(any Benchmark, BenchmarkResult)] = []
    for b in selected {
        var c = context
        if c.count == 0 { c.count = b.defaultCount }
        do {
            rows.append((b, try b.run(c)))
        } catch {
            FileHandle.standardError.write(Data("\(b.name): \(error)\n".utf8))
            return 1
        }
    }
    printTable(rows)
    return strict && rows.contains(where: { $0.1.rate < $0.0.goal }) ? 1 : 0
}
