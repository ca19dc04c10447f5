import Foundation
import VigilFormats

/// Where the bytes of one ingest run come from.
public enum FeedInput: Sendable {
    /// A local file.
    case file(path: String)
    /// Standard input.
    case standardInput
    /// Bytes already in memory (push API, tests).
    case bytes([UInt8])

    /// The input exceeded the source's size limit; what was read before stays stored.
    public struct TooLarge: Error, CustomStringConvertible {
        /// The limit in bytes.
        public let limit: Int
        public var description: String { "input exceeds the source's limit of \(limit) bytes (max_bytes); the rest was not read" }
    }

    /// A file that cannot be opened.
    public struct Unreadable: Error, CustomStringConvertible {
        /// The path.
        public let path: String
        public var description: String { "cannot open \(path)" }
    }

    /// A line reader over the input that stops with `TooLarge` after `maxBytes`, and the size when known.
    public func reader(maxBytes: Int, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> (LineReader, Int?) {
        switch self {
        case .bytes(let bytes):
            guard bytes.count <= maxBytes else { throw TooLarge(limit: maxBytes) }
            return (LineReader(bytes: bytes, maxLineBytes: maxLineBytes), bytes.count)
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw Unreadable(path: path) }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            return (Self.reader(handle: handle, maxBytes: maxBytes, maxLineBytes: maxLineBytes), size)
        case .standardInput:
            return (Self.reader(handle: FileHandle.standardInput, maxBytes: maxBytes, maxLineBytes: maxLineBytes), nil)
        }
    }

    private static func reader(handle: FileHandle, maxBytes: Int, maxLineBytes: Int) -> LineReader {
        final class Budget: @unchecked Sendable { var used = 0 }
        let budget = Budget()
        // Bytes up to the limit are handed on; the read after that throws, so the lines before the
        // limit are ingested and a line cut by the limit is never parsed as if it were whole.
        return LineReader(maxLineBytes: maxLineBytes) {
            if budget.used >= maxBytes {
                guard let probe = try handle.read(upToCount: 1), !probe.isEmpty else { return nil }
                throw TooLarge(limit: maxBytes)
            }
            guard let data = try handle.read(upToCount: min(1 << 16, maxBytes - budget.used)), !data.isEmpty else { return nil }
            budget.used += data.count
            return [UInt8](data)
        }
    }
}
