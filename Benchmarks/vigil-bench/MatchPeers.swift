import Foundation
import VigilMatch

/// The matchers a user would pick instead of `vigil match`, run on the same files: the C
/// baseline (`Benchmarks/peers/match_baseline.c`, built here with `cc -O2`), the pure-Python
/// matcher, the same with `pytricia` for prefixes (when importable), and `grep -F -f` for names.
struct MatchPeers {
    struct Run {
        var name: String
        var seconds: Double
        /// nil for grep, whose substring matches are not comparable.
        var hits: Int?
        var bytesPerIndicator: Double?
    }

    private let directory: String
    private let indicators: String
    private let baseline: String
    private let script: String
    private let domainList: String

    init(directory: String, indicators: String) throws {
        self.directory = directory
        self.indicators = indicators
        script = try peerScript("match_baseline.py")
        baseline = directory + "/match_baseline"
        // `cc` where the system has one, else the clang that comes with Swift.
        let compiler = ["cc", "clang", "gcc"].first { (try? Self.execute(["which", $0]).status) == 0 } ?? "cc"
        let compiled = try Self.execute([compiler, "-O2", "-o", baseline, try peerScript("match_baseline.c")])
        guard compiled.status == 0 else { throw BenchmarkError(description: "cc failed: \(compiled.output)") }
        domainList = directory + "/domains.txt"
        let names = try String(contentsOfFile: indicators, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("domain") }.map { $0.split(separator: "\t").last.map(String.init) ?? "" }
        try (names.joined(separator: "\n") + "\n").write(toFile: domainList, atomically: false, encoding: .utf8)
    }

    /// Every applicable peer on `log` of `format`.
    func run(format: TelemetryFormat, log: String) throws -> [Run] {
        var runs = [try measure("C baseline (cc -O2)", [baseline, format.rawValue, indicators, log])]
        runs.append(try measure("pure Python", ["python3", script, format.rawValue, indicators, log]))
        if Self.pytriciaAvailable {
            runs.append(try measure("Python + pytricia", ["python3", script, format.rawValue, indicators, log, "--pytricia"]))
        }
        if format == .unbound {
            let start = ContinuousClock.now
            _ = try Self.execute(["env", "LC_ALL=C", "grep", "-c", "-F", "-f", domainList, log])
            runs.append(Run(name: "LC_ALL=C grep -F -f (substrings)", seconds: Self.seconds(since: start), hits: nil,
                            bytesPerIndicator: nil))
        }
        return runs
    }

    private func measure(_ name: String, _ command: [String]) throws -> Run {
        let start = ContinuousClock.now
        let result = try Self.execute(command)
        let seconds = Self.seconds(since: start)
        guard result.status == 0 else { throw BenchmarkError(description: "\(name) failed: \(result.output)") }
        var fields: [String: String] = [:]
        for pair in result.output.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let hits = fields["hits"].flatMap(Int.init) else {
            throw BenchmarkError(description: "\(name) printed no hits=: \(result.output)")
        }
        return Run(name: name, seconds: seconds, hits: hits, bytesPerIndicator: fields["bytes_per_indicator"].flatMap(Double.init))
    }

    static var pytriciaAvailable: Bool {
        (try? execute(["python3", "-c", "import pytricia"]).status) == 0
    }

    static func execute(_ command: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
