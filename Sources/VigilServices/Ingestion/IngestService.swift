import Foundation
import VigilCore
import VigilFormats
import VigilStore

/// Runs sources: reads their input through their format into the store, and keeps the reports.
public struct IngestService: Sendable {
    private let database: VigilDatabase
    private let ingestor: Ingestor
    private let warningLists: WarningListService

    /// Creates the service; every run checks its items against `warningLists`.
    public init(database: VigilDatabase, warningLists: WarningListService) {
        self.database = database
        self.ingestor = Ingestor(database: database)
        self.warningLists = warningLists
    }

    /// Ingests `input` for the source `name`. CERT staff may run any source; others only their organisation's.
    public func run(
        source name: String, input: FeedInput, by principal: Principal, options: Ingestor.Options = .init()
    ) async throws -> IngestReport {
        let source = try await SourceService(database: database).find(name: name, for: principal)
        guard source.enabled else { throw ServiceError.conflict("source \(name) is disabled") }
        return try await run(source: source, input: input, actor: principal.username, options: options)
    }

    /// Ingests `input` for `source` (no access check: for the scheduler and callers that checked).
    public func run(
        source: SourceRecord, input: FeedInput, actor: String, options: Ingestor.Options = .init()
    ) async throws -> IngestReport {
        var format = try FeedFormats.make(source.format, options: SourceService.formatOptions(source.options))
        let lineLimit = type(of: format).isDocument ? source.maxBytes : LineReader.defaultMaxLineBytes
        var (reader, size) = try input.reader(maxBytes: source.maxBytes, maxLineBytes: lineLimit)
        var options = options
        options.actor = actor
        let lists = try await warningLists.current()
        options.suppressor = { lists.check($0)?.list }
        options.totalBytes = options.totalBytes ?? size
        return try await ingestor.run(source: source, format: &format, reader: &reader, options: options)
    }

    /// Runs a source from its own location: pulls an `http` source (a 304 records a `not-modified`
    /// run and parses nothing) or reads a `file` source.
    public func collect(source: SourceRecord, actor: String, options: Ingestor.Options = .init()) async throws -> IngestReport {
        switch source.kind {
        case "file":
            return try await run(source: source, input: .file(path: source.location), actor: actor, options: options)
        case "http":
            let fetched: HTTPCollector.Fetch
            do { fetched = try await HTTPCollector().fetch(source) } catch let failure as HTTPCollector.Failure {
                return try await recordWithoutParsing(source: source, actor: actor, status: .failed, message: failure.message)
            }
            switch fetched {
            case .notModified:
                return try await recordWithoutParsing(
                    source: source, actor: actor, status: .notModified, message: "304 Not Modified: nothing to parse")
            case .body(let bytes, let etag, let lastModified):
                var fresh = source
                fresh.etag = etag
                fresh.lastModified = lastModified
                return try await run(source: fresh, input: .bytes(bytes), actor: actor, options: options)
            }
        case "taxii":
            let pull: TAXIICollector.Pull
            do { pull = try await TAXIICollector().pull(source) } catch let failure as HTTPCollector.Failure {
                return try await recordWithoutParsing(source: source, actor: actor, status: .failed, message: failure.message)
            }
            guard pull.objects > 0 else {
                return try await recordWithoutParsing(
                    source: source, actor: actor, status: .notModified, message: "no objects added since \(source.lastModified ?? "the start")")
            }
            var fresh = source
            fresh.lastModified = pull.addedLast
            return try await run(source: fresh, input: .bytes(pull.bundle), actor: actor, options: options)
        case "misp-feed":
            let pull: MISPFeedCollector.Pull
            do { pull = try await MISPFeedCollector().pull(source) } catch let failure as HTTPCollector.Failure {
                return try await recordWithoutParsing(source: source, actor: actor, status: .failed, message: failure.message)
            }
            guard pull.count > 0 else {
                return try await recordWithoutParsing(source: source, actor: actor, status: .notModified, message: "no event changed in the feed")
            }
            var fresh = source
            fresh.lastModified = pull.mark
            return try await run(source: fresh, input: .bytes(pull.events), actor: actor, options: options)
        case "folder":
            guard let report = try await collectFolder(source: source, actor: actor, options: options).last else {
                return try await recordWithoutParsing(
                    source: source, actor: actor, status: .notModified, message: "no new or changed files in \(source.location)")
            }
            return report
        default:
            throw ServiceError.invalid(field: "source", message: "source \(source.name) is a \(source.kind) source; it has no location to collect from")
        }
    }

    /// Ingests the files of a folder source that are new or changed (by size or modification time)
    /// since they were last ingested, in name order, one run each. Hidden files are skipped.
    public func collectFolder(source: SourceRecord, actor: String, options: Ingestor.Options = .init()) async throws -> [IngestReport] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: source.location) else {
            throw ServiceError.invalid(field: "location", message: "cannot read folder \(source.location)")
        }
        let seen = try await SourceFileStore(database.sql).seen(sourceID: source.id)
        var reports: [IngestReport] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (source.location as NSString).appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let current = SourceFileStore.Seen(
                size: Int64((attributes[.size] as? Int) ?? 0),
                modifiedAt: Clock.millis((attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)))
            guard seen[name] != current else { continue }
            let report = try await run(source: source, input: .file(path: path), actor: actor, options: options)
            if report.run.status == .succeeded {
                try await SourceFileStore(database.sql).record(sourceID: source.id, name: name, seen: current, runID: report.run.id)
            }
            reports.append(report)
        }
        return reports
    }

    /// Stores a run that parsed nothing (a 304, or a pull that failed).
    private func recordWithoutParsing(
        source: SourceRecord, actor: String, status: ImportRunRecord.Status, message: String
    ) async throws -> IngestReport {
        let now = Clock.nowMillis()
        var run = ImportRunRecord(id: Secrets.newID(), sourceID: source.id, startedAt: now, actor: actor)
        run.status = status
        run.finishedAt = now
        run.message = String(message.prefix(500))
        try await ImportRunStore(database.sql).insert(run)
        try await ImportRunStore(database.sql).update(run)
        try await SourceStore(database.sql).recordRun(sourceID: source.id, at: now, etag: source.etag, lastModified: source.lastModified)
        return IngestReport(run: run, sourceName: source.name, rejections: [])
    }

    /// The runs of a source, newest first.
    public func reports(source name: String, for principal: Principal, limit: Int = 20) async throws -> [ImportRunRecord] {
        let source = try await SourceService(database: database).find(name: name, for: principal)
        return try await ImportRunStore(database.sql).runs(sourceID: source.id, limit: limit)
    }

    /// A run's rejected lines, if the run's source is visible to `principal`.
    public func rejections(runID: String, for principal: Principal) async throws -> [ImportRejectionRecord] {
        try await report(runID: runID, for: principal).rejections
    }

    /// One run with its source and rejected lines, if the run's source is visible to `principal`.
    public func report(
        runID: String, for principal: Principal
    ) async throws -> (run: ImportRunRecord, source: SourceRecord, rejections: [ImportRejectionRecord]) {
        guard let run = try await ImportRunStore(database.sql).find(id: runID),
              let source = try await SourceStore(database.sql).find(id: run.sourceID),
              try await SourceService(database: database).list(for: principal).contains(where: { $0.id == source.id }) else {
            throw ServiceError.notFound("import run \(runID)")
        }
        return (run, source, try await ImportRunStore(database.sql).rejections(runID: runID))
    }
}
