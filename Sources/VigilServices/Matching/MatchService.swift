import Foundation
import Synchronization
import VigilCore
import VigilMatch
import VigilStore

/// Telemetry matching (SPEC C3): compiles the active indicators, scans logs with them, and
/// stores what hit as sightings, counted per (indicator, observer, client, hour), with the raw
/// hits kept for the configured retention.
public final class MatchService: Sendable {
    /// What one compilation did.
    public struct ReloadReport: Sendable, Codable, Equatable {
        /// The generation now in use.
        public var generation: Int
        /// Indicators compiled.
        public var indicators: Int
        /// Bytes of the compiled tables.
        public var bytes: Int
        /// Time taken, milliseconds.
        public var milliseconds: Int
    }

    /// How one scan should run.
    public struct ScanOptions: Sendable {
        /// Store sightings (false: count only, as for a dry run).
        public var store: Bool
        /// Scanning threads.
        public var threads: Int
        /// Column map for flow-csv.
        public var flowColumns: FlowCSVScanner.ColumnMap
        /// The year for log times written without one (syslog style).
        public var year: Int
        /// Write each batch's hits at once (live sensors) instead of in large groups.
        public var writeEveryBatch: Bool

        /// Options; the year defaults to the current one (UTC).
        public init(
            store: Bool = true, threads: Int = 1, flowColumns: FlowCSVScanner.ColumnMap = .standard, year: Int? = nil,
            writeEveryBatch: Bool = false
        ) {
            self.store = store
            self.threads = threads
            self.flowColumns = flowColumns
            self.writeEveryBatch = writeEveryBatch
            self.year = year ?? Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).year!
        }
    }

    /// What one scan did.
    public struct ScanReport: Sendable, Codable, Equatable {
        /// The input's name.
        public var input: String
        /// The format.
        public var format: String
        /// The observer recorded on the sightings.
        public var observer: String
        /// Line and hit counts, with samples of malformed lines.
        public var statistics: ScanStatistics
        /// Hourly sighting rows added to or created.
        public var sightingRows: Int
        /// Indicator generations the scan used (more than one when the set was reloaded meanwhile).
        public var generations: [Int]
    }

    /// The tag that lets a URL indicator also hit on its host alone, in lines without a URL.
    public static let hostFallbackTag = "match-host"

    /// Hits per write transaction.
    static let writeGroup = 5_000

    /// The set scans use; reloaded beside the running scans.
    public let compiled = CompiledIndicators()
    let database: VigilDatabase
    let settings: VigilConfiguration.Matching
    let pseudonym: ClientPseudonym
    /// Who owns each client's network: sightings are filed under that organisation.
    let owners: OwnerDirectory
    /// Keep a client's address in clear when an organisation owns it (its notices name the host).
    let keepsOwnedClientAddresses: Bool
    private let reloads = ReloadQueue()

    /// The service; the client pseudonym key lives in `dataDir`.
    public init(
        database: VigilDatabase, settings: VigilConfiguration.Matching, dataDir: String,
        owners: OwnerDirectory = OwnerDirectory(), keepsOwnedClientAddresses: Bool = true
    ) throws {
        self.database = database
        self.settings = settings
        self.owners = owners
        self.keepsOwnedClientAddresses = keepsOwnedClientAddresses
        pseudonym = try ClientPseudonym(enabled: settings.pseudonymiseClients, dataDir: dataDir)
    }

    /// The configured thread count, else one per core.
    public var defaultThreads: Int { settings.threads ?? ProcessInfo.processInfo.activeProcessorCount }

    // MARK: Compiling

    /// Compiles the active, unsuppressed, unexpired indicators and swaps them in.
    @discardableResult
    public func reload() async throws -> ReloadReport {
        try await reloads.run { try await self.compile() }
    }

    /// Recompiles when the indicators changed since the current generation (count or latest
    /// update differ); nil when nothing changed.
    public func reloadIfChanged() async throws -> ReloadReport? {
        try await reloads.run {
            let fingerprint = try await self.fingerprint()
            if self.compiled.generation.number > 0, self.compiled.generation.fingerprint == fingerprint { return nil }
            return try await self.compile(fingerprint: fingerprint)
        }
    }

    private func compile(fingerprint known: StoreFingerprint? = nil) async throws -> ReloadReport {
        let started = ContinuousClock.now
        let fingerprint: StoreFingerprint
        if let known { fingerprint = known } else { fingerprint = try await self.fingerprint() }
        let everything = BlocklistPolicy(
            name: "matcher", types: Set(IndicatorType.allCases).subtracting([.asn]), minimumConfidence: 0, maximumTLP: .red)
        var builder = IndicatorSet.Builder(expected: fingerprint.count)
        let now = Clock.nowMillis()
        try await BlocklistStore(database.sql).forEachPage(for: everything, at: now) { page in
            for entry in page { builder.add(entry.value) }
        }
        let hostFallbacks = BlocklistPolicy(
            name: "matcher-hosts", types: [.url], minimumConfidence: 0, maximumTLP: .red, tags: [Self.hostFallbackTag])
        try await BlocklistStore(database.sql).forEachPage(for: hostFallbacks, at: now) { page in
            for entry in page { builder.addHostFallback(for: entry.value) }
        }
        let set = builder.build()
        let generation = compiled.install(set, fingerprint: fingerprint)
        let elapsed = ContinuousClock.now - started
        return ReloadReport(
            generation: generation, indicators: set.count, bytes: set.memoryBytes,
            milliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
    }

    /// Changes whenever an indicator is added, removed or updated; its count also sizes the build.
    private func fingerprint() async throws -> StoreFingerprint {
        let row = try await database.sql.raw(
            "SELECT COUNT(*) AS n, COALESCE(MAX(updated_at), 0) AS latest FROM indicators").first()
        return StoreFingerprint(
            count: Int(try row?.decode(column: "n", as: Int64.self) ?? 0),
            latestUpdate: try row?.decode(column: "latest", as: Int64.self) ?? 0)
    }

    // MARK: Scanning

    /// Scans `input` as `format`, recording hits as sightings of `observer`. Compiles the set
    /// first if nothing is compiled yet. Malformed lines are counted and sampled, never fatal.
    public func scan(
        _ input: TelemetryInput, format: TelemetryFormat, observer: String, options: ScanOptions = ScanOptions()
    ) async throws -> ScanReport {
        let read = try input.chunks()
        return try await scan(stream: { try read() }, inputName: input.name, format: format, observer: observer, options: options)
    }

    /// Scans the chunks `read` returns (nil at the end) as `format`: a sensor's stream. The input
    /// is recorded on raw hits as `inputName`.
    public func scan(
        stream read: () async throws -> [UInt8]?, inputName: String, format: TelemetryFormat, observer: String,
        options: ScanOptions = ScanOptions(), onBatch: (@Sendable (ScanStatistics) -> Void)? = nil
    ) async throws -> ScanReport {
        try await run(read: read, inputName: inputName, format: format, observer: observer, options: options, onBatch: onBatch)
    }

    /// The scan behind `scan` and `follow`. With `checkpoint`, every batch's hits are written at
    /// once together with the position `checkpoint` gives for the lines scanned so far, so a
    /// restart resumes exactly after what is stored.
    func run(
        read: () async throws -> [UInt8]?, firstLine: Int = 1, header: [UInt8] = [], inputName: String,
        format: TelemetryFormat, observer: String, options: ScanOptions,
        checkpoint: ((ScanStatistics) -> MatchCheckpointStore.Checkpoint)? = nil,
        onBatch: (@Sendable (ScanStatistics) -> Void)? = nil
    ) async throws -> ScanReport {
        let observer = String(observer.prefix(200))
        if compiled.generation.number == 0 { try await reload() }
        let compiled = self.compiled
        let used = Mutex<[Int]>([])
        var stream = TelemetryStream(
            scanner: AnyTelemetryScanner(format: format, year: options.year, flowColumns: options.flowColumns),
            threads: options.threads)
        if !header.isEmpty { stream.prime(header: header) }
        // One-shot scans write hits in large groups (one transaction each), the next group scanned
        // while the last is written; followed logs write every batch with its checkpoint.
        var rows = 0
        var pending: [TelemetryHit] = []
        var writing: Task<Int, any Error>?
        let statistics = try await stream.run(read: read, firstLine: firstLine, snapshot: {
            let generation = compiled.generation
            used.withLock { if $0.last != generation.number { $0.append(generation.number) } }
            return generation.set
        }, deliver: { hits, counts in
            onBatch?(counts)
            guard options.store else { return }
            if let checkpoint {
                rows += try await self.record(hits, observer: observer, input: inputName, checkpoint: checkpoint(counts))
                return
            }
            if options.writeEveryBatch {
                if !hits.isEmpty { rows += try await self.record(hits, observer: observer, input: inputName) }
                return
            }
            pending += hits
            guard pending.count >= Self.writeGroup else { return }
            if let previous = writing { rows += try await previous.value }
            let group = pending
            pending = []
            writing = Task { try await self.record(group, observer: observer, input: inputName) }
        })
        if let previous = writing { rows += try await previous.value }
        if !pending.isEmpty { rows += try await record(pending, observer: observer, input: inputName) }
        return ScanReport(
            input: inputName, format: format.rawValue, observer: observer, statistics: statistics,
            sightingRows: rows, generations: used.withLock { $0 })
    }

    // MARK: Reading

    /// Hourly sighting rows `principal` may see (those of indicators it may read).
    public func sightings(
        indicatorID: String?, observer: String?, before: Int64?, limit: Int, for principal: Principal
    ) async throws -> [SightingStore.Row] {
        try await SightingStore(database.sql).list(
            indicatorID: indicatorID, observer: observer, before: before, limit: limit, scope: .principal(principal))
    }

    /// Totals of one indicator's sightings for `principal`.
    public func summary(indicatorID: String, for principal: Principal) async throws -> SightingStore.Summary {
        try await SightingStore(database.sql).summary(indicatorID: indicatorID, scope: .principal(principal))
    }

    /// Deletes raw hits past the retention as of `now`; returns how many.
    @discardableResult
    public func purgeRawHits(now: Int64 = Clock.nowMillis()) async throws -> Int {
        let cutoff = now - Int64(settings.rawHitRetentionDays) * 86_400_000
        return try await SightingStore(database.sql).purgeHits(before: cutoff)
    }
}

/// Runs reloads one at a time, so an older compilation never replaces a newer one.
private actor ReloadQueue {
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task { () async throws -> T in
            await previous?.value
            return try await body()
        }
        tail = Task { _ = try? await task.value }
        return try await task.value
    }
}
