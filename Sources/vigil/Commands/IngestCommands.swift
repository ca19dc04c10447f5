import ArgumentParser
import Foundation
import VigilCore
import VigilFormats
import VigilServices
import VigilStore

/// `vigil ingest --source NAME --format FMT [FILE...|-]`.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read feed files (or - for stdin) into the store through a format.",
        discussion: "Formats: \(FeedFormats.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).\n"
            + "A source that does not exist yet is created (reliability 50, TLP:AMBER); use `vigil source add` for other settings.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var acting: ActingUser
    @Option(help: "Source name.") var source: String
    @Option(help: "Format name (default: the source's).") var format: String?
    @Option(name: .customLong("option"), help: "Format option KEY=VALUE (repeatable), for a new source.") var formatOptions: [String] = []
    @Flag(help: "Fail the run on any rejected line.") var strict = false
    @Option(help: ArgumentHelp(
        "Items per transaction (default \(Ingestor.Options().batchSize)).",
        discussion: "Smaller batches hold the database's write lock for shorter times; larger ones import faster."))
    var batchSize: Int?
    @Argument(help: "Files to read; - reads standard input.") var files: [String] = ["-"]

    func run() async throws {
        let reports = try await withServices(global) { services -> [IngestReport] in
            let principal = try await acting.principal(in: services)
            let existing = try await services.sources.list(for: principal).first { $0.name == source }
            // A missing file fails before anything is stored, so a typo creates no source.
            if let missing = files.first(where: { $0 != "-" && !FileManager.default.isReadableFile(atPath: $0) }) {
                throw ServiceError.invalid(field: "FILE", message: "cannot read \(missing)")
            }
            if existing == nil {
                guard let format else {
                    throw ServiceError.invalid(field: "--source", message: "source \(source) does not exist; give --format to create it")
                }
                _ = try await services.sources.add(
                    SourceDefinition(name: source, collector: files == ["-"] ? "stdin" : "file", format: format,
                                     location: files.first == "-" ? nil : files.first.map(Self.absolute),
                                     options: try Self.options(formatOptions)),
                    by: principal)
            } else if let format, format != existing?.format {
                throw ServiceError.invalid(field: "--format", message: "source \(source) uses format \(existing!.format), not \(format)")
            }
            var reports: [IngestReport] = []
            for file in files {
                var options = Ingestor.Options()
                options.strict = strict
                if let batchSize { options.batchSize = min(max(batchSize, 1), 200_000) }
                options.progress = ProgressLine.make(label: file == "-" ? "stdin" : file)
                let input: FeedInput = file == "-" ? .standardInput : .file(path: file)
                do {
                    reports.append(try await services.ingest.run(source: source, input: input, by: principal, options: options))
                } catch let failure as Ingestor.StrictFailure {
                    // The report is printed like any other; the exit status says the run failed.
                    reports.append(failure.report)
                }
                ProgressLine.clear()
            }
            return reports
        }
        try global.output(reports.map(ReportView.init)) {
            reports.map(ReportView.text).joined(separator: "\n")
        }
        if reports.contains(where: { $0.run.status == .failed }) { throw ExitCode(1) }
    }

    /// A path made absolute, so that a file source still finds its file from another directory.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    static func options(_ pairs: [String]) throws -> [String: String] {
        var options: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--option \(pair): expected KEY=VALUE")
            }
            options[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return options
    }
}

/// An import report for printing.
struct ReportView: Encodable {
    let run: ImportRunRecord
    let source: String
    let rejections: [String]

    init(_ report: IngestReport) {
        run = report.run
        source = report.sourceName
        rejections = report.rejectionLines
    }

    static func text(_ report: IngestReport) -> String {
        let run = report.run
        var lines = [
            "source \(report.sourceName): \(run.status.rawValue) — read \(run.linesRead), new \(run.new), updated \(run.updated), "
                + "unchanged \(run.unchanged), suppressed \(run.suppressed), rejected \(run.rejected)",
        ]
        if !run.message.isEmpty { lines.append("  \(run.message)") }
        lines += report.rejectionLines.prefix(50).map { "  rejected: \($0)" }
        if run.rejected > 50 { lines.append("  … \(run.rejected - 50) more: vigil source reports \(report.sourceName) --run \(run.id)") }
        return lines.joined(separator: "\n")
    }
}

/// A one-line progress display on a terminal (lines, rate, ETA); silent when stderr is not a TTY.
enum ProgressLine {
    static func make(label: String) -> (@Sendable (IngestProgress) -> Void)? {
        guard isatty(2) == 1 else { return nil }
        return { progress in
            let rate = progress.elapsedSeconds > 0 ? Double(progress.lines) / progress.elapsedSeconds : 0
            var text = "\r\(label): \(progress.lines) lines, \(Int(rate)) lines/s"
            if let total = progress.totalBytes, total > 0, progress.bytes > 0 {
                let fraction = min(1, Double(progress.bytes) / Double(total))
                let eta = fraction > 0 ? progress.elapsedSeconds * (1 - fraction) / fraction : 0
                text += String(format: ", %.0f%%, ETA %.0f s", fraction * 100, eta)
            }
            FileHandle.standardError.write(Data((text + "   ").utf8))
        }
    }

    static func clear() {
        if isatty(2) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// `vigil source add|list|run|reports`.
struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Feed sources.", subcommands: [Add.self, List.self, Run.self, Reports.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Define a source.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Name (a-z 0-9 . _ -).") var name: String
        @Option(help: "Collector: \(SourceService.collectors.joined(separator: ", ")).") var collector = "file"
        @Option(help: "Format.") var format: String
        @Option(help: "URL or path.") var location: String?
        @Option(name: .customLong("option"), help: "Format option KEY=VALUE (repeatable).") var formatOptions: [String] = []
        @Option(help: "Seconds between scheduled runs.") var every: Int?
        @Option(help: "Reliability 0-100.") var reliability = 50
        @Option(help: "TLP for items without one.") var tlp = "AMBER"
        @Option(help: "Threat type for items without one.") var threatType = "other"
        @Option(help: "Tag added to every item (repeatable).") var tag: [String] = []
        @Option(help: "Largest input per run, bytes.") var maxBytes: Int?

        func run() async throws {
            let definition = SourceDefinition(
                name: name, collector: collector, format: format,
                location: collector == "file" || collector == "folder" ? location.map(IngestCommand.absolute) : location,
                options: try IngestCommand.options(formatOptions), scheduleSeconds: every, reliability: reliability,
                defaultTLP: try TLP(parsing: tlp), threatType: try ThreatType(parsing: threatType), tags: tag, maxBytes: maxBytes)
            let record = try await withServices(global) { services in
                try await services.sources.add(definition, by: try await acting.principal(in: services))
            }
            try global.output(record) { "Added source \(record.name) (\(record.kind), \(record.format))" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sources.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let sources = try await withServices(global) { services in
                try await services.sources.list(for: try await acting.principal(in: services))
            }
            try global.output(sources) {
                sources.map { "\($0.name)\t\($0.kind)\t\($0.format)\treliability \($0.reliability)\tTLP:\($0.defaultTLP.rawValue)\t\($0.location)" }
                    .joined(separator: "\n")
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a file, folder or HTTP source now, from its configured location.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Source name.") var name: String
        @Flag(help: "Fail on any rejected line.") var strict = false

        func run() async throws {
            let reports = try await withServices(global) { services -> [IngestReport] in
                let principal = try await acting.principal(in: services)
                let source = try await services.sources.find(name: name, for: principal)
                var options = Ingestor.Options()
                options.strict = strict
                options.progress = ProgressLine.make(label: name)
                defer { ProgressLine.clear() }
                do {
                    if source.kind == "folder" {
                        let reports = try await services.ingest.collectFolder(source: source, actor: principal.username, options: options)
                        if !reports.isEmpty { return reports }
                    }
                    return [try await services.ingest.collect(source: source, actor: principal.username, options: options)]
                } catch let failure as Ingestor.StrictFailure {
                    return [failure.report]
                }
            }
            if reports.count == 1, let report = reports.first {
                try global.output(ReportView(report)) { ReportView.text(report) }
            } else {
                try global.output(reports.map(ReportView.init)) { reports.map(ReportView.text).joined(separator: "\n") }
            }
            if reports.contains(where: { $0.run.status == .failed }) { throw ExitCode(1) }
        }
    }

    struct Reports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import reports of a source, or the rejected lines of one run.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Source name.") var name: String
        @Option(help: "Show the rejected lines of this run.") var run: String?

        func run() async throws {
            try await withServices(global) { services in
                let principal = try await acting.principal(in: services)
                if let run {
                    let rejections = try await services.ingest.rejections(runID: run, for: principal)
                    try global.output(rejections) {
                        rejections.map { "line \($0.line.map(String.init) ?? "-")\($0.objectID.map { " (\($0))" } ?? "")\($0.field.map { ", field \($0)" } ?? ""): \($0.reason)" }
                            .joined(separator: "\n")
                    }
                } else {
                    let runs = try await services.ingest.reports(source: name, for: principal)
                    try global.output(runs) {
                        runs.map { "\($0.id)\t\($0.status.rawValue)\tread \($0.linesRead)\tnew \($0.new)\tupdated \($0.updated)\tunchanged \($0.unchanged)\tsuppressed \($0.suppressed)\trejected \($0.rejected)" }
                            .joined(separator: "\n")
                    }
                }
            }
        }
    }
}
