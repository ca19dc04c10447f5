import VigilFormats
import VigilStore

/// The outcome of one ingest run: the stored report and the rejected lines it kept.
public struct IngestReport: Sendable {
    /// The run with its counts.
    public var run: ImportRunRecord
    /// The source's name.
    public var sourceName: String
    /// The first rejected lines (all are counted in `run.rejected`; the first `Ingestor.keptRejections` are stored).
    public var rejections: [FeedRejection]
    /// With `Ingestor.Options.recordOutcomes`: what became of the item on each line.
    public var outcomes: [Int: ItemOutcome] = [:]
    /// With `Ingestor.Options.recordOutcomes`: the rejection of each rejected line.
    public var lineRejections: [Int: FeedRejection] = [:]

    /// One line per rejection: `source NAME, line 7, field url: reason`.
    public var rejectionLines: [String] {
        rejections.map { "source \(sourceName), \($0)" }
    }
}

/// Where an import stands, for progress bars.
public struct IngestProgress: Sendable {
    /// Lines read so far.
    public var lines: Int
    /// Bytes read so far.
    public var bytes: Int
    /// The input's size, when known.
    public var totalBytes: Int?
    /// Seconds since the run started.
    public var elapsedSeconds: Double
}
