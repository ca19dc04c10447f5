import Foundation
import SQLKit
import VigilCore
import VigilFormats
import VigilStore

/// Runs a feed through its format into the store, in batches of one transaction each.
///
/// A batch commits its indicators, provenance, history, rejected lines, the run's counts and one
/// audit entry together, so a crash leaves the store consistent; and since ingestion is
/// idempotent, running the feed again completes it.
public struct Ingestor: Sendable {
    /// Rejected lines stored per run (all are counted).
    public static let keptRejections = 10_000

    /// Settings of one run.
    public struct Options: Sendable {
        /// Any rejection fails the run (what was committed before stays).
        public var strict = false
        /// Items per transaction. Each commit rewrites the pages its new keys landed on, scattered
        /// over the (type, value) index; 10,000 items amortise that, hold the write lock for well
        /// under a second and keep a million-line import under 200 MB of memory.
        public var batchSize = 10_000
        /// Who started the run.
        public var actor = "cli"
        /// Called about every 10,000 lines.
        public var progress: (@Sendable (IngestProgress) -> Void)?
        /// The input's size in bytes, for progress, when known.
        public var totalBytes: Int?
        /// Keep what became of each line's item (`IngestReport.outcomes`), for per-item answers.
        public var recordOutcomes = false
        /// Names the warning list an item hits, if any (set by `IngestService` from the current lists).
        public var suppressor: @Sendable (IndicatorValue) -> String? = { _ in nil }

        /// Default settings.
        public init() {}
    }

    /// A run stopped by `--strict`.
    public struct StrictFailure: Error, CustomStringConvertible {
        /// The report as far as it got.
        public let report: IngestReport
        public var description: String {
            "source \(report.sourceName): \(report.run.rejected) rejected with --strict; first: \(report.rejectionLines.first ?? "?")"
        }
    }

    private let database: VigilDatabase

    /// An ingestor writing to `database`.
    public init(database: VigilDatabase) {
        self.database = database
    }

    /// Reads all of `reader` through `format` for `source`.
    public func run(
        source: SourceRecord, format: inout any FeedFormat, reader: inout LineReader, options: Options = Options()
    ) async throws -> IngestReport {
        let started = Date()
        let now = Clock.nowMillis()
        try await ImportRunStore(database.sql).markInterrupted(sourceID: source.id, at: now)
        var report = IngestReport(
            run: ImportRunRecord(id: Secrets.newID(), sourceID: source.id, startedAt: now, actor: options.actor),
            sourceName: source.name, rejections: [])
        try await ImportRunStore(database.sql).insert(report.run)
        var records: [FeedRecord] = []
        var pendingRejections: [FeedRejection] = []
        var bytes = 0
        do {
            while let line = try reader.next() {
                report.run.linesRead += 1
                if case .text(let text) = line.content { bytes += text.utf8.count + 1 }
                format.read(line, into: &records)
                if records.count >= options.batchSize {
                    try await commit(&records, &pendingRejections, report: &report, source: source, options: options)
                }
                if report.run.linesRead % 10_000 == 0, let progress = options.progress {
                    progress(IngestProgress(lines: report.run.linesRead, bytes: bytes, totalBytes: options.totalBytes,
                                            elapsedSeconds: Date().timeIntervalSince(started)))
                }
            }
            format.finish(into: &records)
            try await commit(&records, &pendingRejections, report: &report, source: source, options: options)
            if let described = format as? any DescribesSkippedContent, !described.skippedSummary.isEmpty {
                report.run.message = described.skippedSummary
            }
            report.run.status = .succeeded
        } catch let failure as StrictFailure {
            report = failure.report
            report.run.status = .failed
            report.run.message = "rejected lines with --strict"
        } catch {
            report.run.status = .failed
            report.run.message = String(describing: error).prefix(500).description
        }
        report.run.finishedAt = Clock.nowMillis()
        try await ImportRunStore(database.sql).update(report.run)
        try await SourceStore(database.sql).recordRun(
            sourceID: source.id, at: report.run.finishedAt ?? now, etag: source.etag, lastModified: source.lastModified)
        if report.run.status == .failed, options.strict, report.run.rejected > 0 { throw StrictFailure(report: report) }
        return report
    }

    private func commit(
        _ records: inout [FeedRecord], _ carried: inout [FeedRejection], report: inout IngestReport,
        source: SourceRecord, options: Options
    ) async throws {
        var items: [FeedItem] = []
        var rejections = carried
        carried.removeAll()
        for record in records {
            switch record {
            case .item(let item): items.append(item)
            case .rejection(let rejection): rejections.append(rejection)
            }
        }
        records.removeAll(keepingCapacity: true)
        let firstSeq = report.run.rejected
        report.run.rejected += rejections.count
        let kept = Array(rejections.prefix(max(0, Self.keptRejections - firstSeq)))
        report.rejections.append(contentsOf: kept.prefix(max(0, 1000 - report.rejections.count)))
        let suppressor = options.suppressor
        let snapshot = report.run
        let batch = items
        let rejectedCount = rejections.count
        let counts = try await database.transaction { db in
            let counts = try await IngestBatch(db: db, source: source, suppressor: suppressor).write(batch)
            var run = snapshot
            run.new += counts.new
            run.updated += counts.updated
            run.unchanged += counts.unchanged
            run.suppressed += counts.suppressed
            try await ImportRunStore(db).insert(kept.enumerated().map { offset, rejection in
                ImportRejectionRecord(
                    seq: firstSeq + offset + 1, line: rejection.location.line, objectID: rejection.location.objectID,
                    field: rejection.field, reason: String(rejection.reason.prefix(1000)))
            }, runID: snapshot.id)
            try await ImportRunStore(db).update(run)
            if !batch.isEmpty || !kept.isEmpty {
                try await AuditLog().record(
                    actor: "source:\(source.name)", action: "ingest.batch", target: snapshot.id,
                    details: ["new": String(counts.new), "updated": String(counts.updated),
                              "unchanged": String(counts.unchanged), "suppressed": String(counts.suppressed),
                              "rejected": String(rejectedCount), "by": snapshot.actor], on: db)
            }
            return counts
        }
        if options.recordOutcomes {
            var answered = Set<IndicatorValue>()
            for item in items {
                guard let line = item.location.line, var outcome = counts.outcomes[item.value] else { continue }
                if !answered.insert(item.value).inserted {
                    outcome.status = .unchanged
                    outcome.suppressedBy = nil
                }
                report.outcomes[line] = outcome
            }
            for rejection in rejections {
                if let line = rejection.location.line { report.lineRejections[line] = rejection }
            }
        }
        report.run.new += counts.new
        report.run.updated += counts.updated
        report.run.unchanged += counts.unchanged
        report.run.suppressed += counts.suppressed
        if options.strict, !rejections.isEmpty { throw StrictFailure(report: report) }
    }
}
