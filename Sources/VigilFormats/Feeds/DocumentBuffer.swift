/// The lines of a document format (STIX, MISP), collected for parsing in `finish`.
///
/// Each readable line is kept with a line break after it. The first unreadable line (too long,
/// not UTF-8) drops what was collected and ends collecting: the document is then not parsed, and
/// `take` reports that line instead.
struct DocumentBuffer: Sendable {
    /// The bytes collected so far.
    private var document: [UInt8] = []
    /// The first line that could not be read, if any.
    private var unreadableLine: FeedRejection?

    /// Collects one line; ignored once a line was unreadable.
    mutating func append(_ line: Line) {
        guard unreadableLine == nil else { return }
        switch line.text() {
        case .success(let text):
            document.append(contentsOf: text.utf8)
            document.append(0x0A)
        case .failure(let rejection):
            unreadableLine = rejection
            document = []
        }
    }

    /// The collected document, emptying the buffer; nil when there is nothing to parse: the
    /// document is blank, or a line was unreadable (then its rejection, saying that the `kind`
    /// document was not read, is appended to `records`).
    mutating func take(kind: String, into records: inout [FeedRecord]) -> [UInt8]? {
        defer { document = [] }
        if var rejection = unreadableLine {
            rejection.reason += "; the \(kind) document was not read"
            records.append(.rejection(rejection))
            return nil
        }
        guard document.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) else { return nil }
        return document
    }
}
