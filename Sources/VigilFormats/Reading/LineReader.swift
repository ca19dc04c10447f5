/// One line of a feed: its 1-based number and its text, or why it has none.
public struct Line: Sendable, Equatable {
    /// What the line holds.
    public enum Content: Sendable, Equatable {
        /// The text, without the line break (and without a `\r` before it).
        case text(Substring)
        /// The line exceeded the limit; its bytes were skipped up to the next line break.
        case tooLong(bytes: Int)
        /// The line is not valid UTF-8.
        case invalidUTF8
    }

    /// 1-based line number.
    public let number: Int
    /// Its content.
    public let content: Content

    /// Creates a line.
    public init(number: Int, content: Content) {
        self.number = number
        self.content = content
    }
}

/// Splits a byte stream into lines with bounded memory: at most `maxLineBytes` of a line are
/// held; a longer line is reported as `.tooLong` and skipped, and reading goes on.
public struct LineReader {
    /// Default longest line accepted, in bytes.
    public static let defaultMaxLineBytes = 65_536

    private let read: () throws -> [UInt8]?
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var lineNumber = 0

    /// Reads lines from chunks returned by `read` (nil or empty at the end).
    public init(maxLineBytes: Int = LineReader.defaultMaxLineBytes, read: @escaping () throws -> [UInt8]?) {
        self.read = read
        self.maxLineBytes = maxLineBytes
    }

    /// Reads lines from bytes already in memory.
    public init(bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        var pending: [UInt8]? = bytes
        self.init(maxLineBytes: maxLineBytes) {
            defer { pending = nil }
            return pending
        }
    }

    /// Reads lines from a string.
    public init(text: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        self.init(bytes: Array(text.utf8), maxLineBytes: maxLineBytes)
    }

    /// The next line, or nil at the end of the input. A final line without a line break counts.
    public mutating func next() throws -> Line? {
        var skipped = 0
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let start = position
                position = newline + 1
                lineNumber += 1
                if skipped > 0 || newline - start > maxLineBytes {
                    return Line(number: lineNumber, content: .tooLong(bytes: skipped + newline - start))
                }
                return Line(number: lineNumber, content: Self.decode(buffer[start..<newline]))
            }
            let pending = buffer.count - position
            if pending > maxLineBytes {
                skipped += pending
                buffer.removeAll(keepingCapacity: true)
                position = 0
            }
            if finished {
                guard pending > 0 || skipped > 0 else { return nil }
                lineNumber += 1
                let start = position
                position = buffer.count
                if skipped > 0 || pending > maxLineBytes { return Line(number: lineNumber, content: .tooLong(bytes: skipped + pending)) }
                return Line(number: lineNumber, content: Self.decode(buffer[start..<buffer.count]))
            }
            try fill()
        }
    }

    private mutating func fill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        guard let chunk = try read(), !chunk.isEmpty else {
            finished = true
            return
        }
        buffer.append(contentsOf: chunk)
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> Line.Content {
        var slice = bytes
        if slice.last == 0x0D { slice = slice.dropLast() }
        guard let text = String(validating: slice, as: UTF8.self) else { return .invalidUTF8 }
        return .text(Substring(text))
    }
}
