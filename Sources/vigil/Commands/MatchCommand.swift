import ArgumentParser
import Foundation
import VigilMatch
import VigilServices

/// `vigil match`: scans logs for the active indicators and stores the hits as sightings.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match telemetry (DNS query logs, flows, proxy logs) against the active indicators.",
        discussion: """
            Each hit becomes a sighting of the indicator by OBSERVER, counted per client and hour. \
            Lines that cannot be read are counted and sampled (file:line: reason), never fatal. \
            Gzip input is recognised by its content.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Log format: \(TelemetryFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: String
    @Option(help: "The sensor's name, recorded on every sighting.") var observer = "vigil-match"
    @Option(help: "Scanning threads (default: matching.threads, else one per core).") var threads: Int?
    @Option(help: "flow-csv column map, e.g. source=src_ip,destination=dst_ip,time=ts (names or 0-based numbers).")
    var columns: String?
    @Option(help: "Year for log times written without one (default: this year).") var year: Int?
    @Flag(help: "Count hits without storing sightings.") var dryRun = false
    @Flag(help: "Follow one file as it grows, across rotations, until interrupted; resumes where the observer left off.")
    var follow = false
    @Argument(help: "Log files (- or none: standard input).") var files: [String] = []

    func run() async throws {
        guard let format = TelemetryFormat(rawValue: format) else {
            throw ValidationError("unknown format \(format); expected one of \(TelemetryFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let flowColumns = try columns.map { try FlowCSVScanner.ColumnMap(parsing: $0) } ?? .standard
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be 1…256") }
        if follow {
            guard files.count == 1, files[0] != "-" else { throw ValidationError("--follow takes exactly one file") }
            if dryRun { throw ValidationError("--follow stores sightings; --dry-run cannot be combined with it") }
            return try await followFile(files[0], format: format, flowColumns: flowColumns)
        }
        let inputs: [TelemetryInput] = files.isEmpty ? [.standardInput] : files.map { $0 == "-" ? .standardInput : .file(path: $0) }
        var failures: [String] = []
        let (compiled, reports) = try await withServices(global) { services in
            let compiled = try await services.matching.reload()
            let options = MatchService.ScanOptions(
                store: !dryRun, threads: threads ?? services.matching.defaultThreads, flowColumns: flowColumns, year: year)
            var reports: [MatchService.ScanReport] = []
            for input in inputs {
                do {
                    reports.append(try await services.matching.scan(input, format: format, observer: observer, options: options))
                } catch {
                    failures.append("\(input.name): \(error)")
                }
            }
            return (compiled, reports)
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        try global.output(MatchOutput(indicators: compiled.indicators, compileMilliseconds: compiled.milliseconds,
                                      reports: reports, failures: failures, peakRSSMegabytes: Int(usage.ru_maxrss) / 1024)) {
            var lines = ["Matched against \(compiled.indicators) indicators (compiled in \(compiled.milliseconds) ms)."]
            for report in reports {
                let s = report.statistics
                lines.append("\(report.input): \(s.lines) lines, \(s.records) records, \(s.hits) hits, "
                    + "\(s.malformed) malformed, \(s.skipped) skipped"
                    + (dryRun ? " (dry run: nothing stored)" : "; \(report.sightingRows) sighting rows"))
                for sample in s.samples {
                    lines.append("  \(report.input):\(sample.line): \(sample.reason): \(sample.text.prefix(120))")
                }
            }
            lines += failures.map { "error: \($0)" }
            return lines.joined(separator: "\n")
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

extension MatchCommand {
    /// `--follow`: runs until SIGINT or SIGTERM; every batch is stored with its checkpoint, so an
    /// interrupted run loses nothing and the next one resumes after it.
    func followFile(_ path: String, format: TelemetryFormat, flowColumns: FlowCSVScanner.ColumnMap) async throws {
        let json = global.json
        try await withServices(global) { services in
            let options = MatchService.ScanOptions(
                threads: threads ?? 1, flowColumns: flowColumns, year: year, writeEveryBatch: true)
            try await services.matching.follow(path: path, format: format, observer: observer, options: options) { counts in
                guard counts.hits > 0 || counts.malformed > 0 else { return }
                let line = json
                    ? #"{"input":"\#(path)","lines":\#(counts.lines),"hits":\#(counts.hits),"malformed":\#(counts.malformed)}"#
                    : "\(path): +\(counts.lines) lines, +\(counts.hits) hits, +\(counts.malformed) malformed"
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        }
    }
}

/// `vigil match --json` output.
private struct MatchOutput: Encodable {
    let indicators: Int
    let compileMilliseconds: Int
    let reports: [MatchService.ScanReport]
    let failures: [String]
    let peakRSSMegabytes: Int
}
