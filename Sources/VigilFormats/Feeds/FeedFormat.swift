/// A feed format: turns the lines of a feed into records, one parser per format (IntelMQ style).
///
/// Line formats keep their state (a CSV header, say) in the value and see one line at a time, so
/// memory stays bounded whatever the feed's size. Document formats (JSON bundles) collect the
/// lines they are given and produce their records in `finish`.
public protocol FeedFormat: Sendable {
    /// The name used by `vigil ingest --format NAME`.
    static var name: String { get }
    /// One sentence for `--help` and the README.
    static var summary: String { get }
    /// Whether the format reads one JSON document that may sit on a single long line; then the
    /// line limit is the source's size limit instead of the per-line limit.
    static var isDocument: Bool { get }

    /// Reads one line; appends what it held (nothing for comments and blank lines) to `records`.
    mutating func read(_ line: Line, into records: inout [FeedRecord])

    /// Called once after the last line.
    mutating func finish(into records: inout [FeedRecord])
}

extension FeedFormat {
    /// Most formats are line formats.
    public static var isDocument: Bool { false }

    /// Line formats have nothing left at the end.
    public mutating func finish(into records: inout [FeedRecord]) {}

    /// Parses everything `reader` yields; a convenience for tests and small inputs.
    public mutating func records(from reader: inout LineReader) throws -> [FeedRecord] {
        var records: [FeedRecord] = []
        while let line = try reader.next() { read(line, into: &records) }
        finish(into: &records)
        return records
    }
}

extension Line {
    /// The text, or the rejection that explains why there is none.
    public func text() -> Result<Substring, FeedRejection> {
        switch content {
        case .text(let text): .success(text)
        case .tooLong(let bytes):
            .failure(FeedRejection(location: FeedLocation(line: number), reason: "line of \(bytes) bytes exceeds the line length limit"))
        case .invalidUTF8:
            .failure(FeedRejection(location: FeedLocation(line: number), reason: "line is not valid UTF-8"))
        }
    }

    /// The text; or nil, after appending the line's rejection (too long, not UTF-8) to `records`.
    func text(rejectingInto records: inout [FeedRecord]) -> Substring? {
        switch text() {
        case .success(let text): return text
        case .failure(let rejection):
            records.append(.rejection(rejection))
            return nil
        }
    }
}
