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

    /// A line reader over the input that stops with `TooLarge` after `maxBytes`, and the size when
    /// known. Gzip input (recognised by its magic number, whatever the name) is inflated on the fly,
    /// and `maxBytes` then bounds the compressed and the inflated size alike.
    public func reader(maxBytes: Int, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> (LineReader, Int?) {
        let raw: () throws -> [UInt8]?
        var size: Int?
        switch self {
        case .bytes(let bytes):
            guard bytes.count <= maxBytes else { throw TooLarge(limit: maxBytes) }
            var pending: [UInt8]? = bytes
            raw = { defer { pending = nil }; return pending }
            size = bytes.count
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw Unreadable(path: path) }
            size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            raw = Self.bounded(maxBytes: maxBytes) { try handle.read(upToCount: $0).map { [UInt8]($0) } }
        case .standardInput:
            raw = Self.bounded(maxBytes: maxBytes) { try FileHandle.standardInput.read(upToCount: $0).map { [UInt8]($0) } }
        }
        let (chunks, isGzip) = try GzipChunks.inflatingIfGzip(raw)
        guard isGzip else { return (LineReader(maxLineBytes: maxLineBytes, read: chunks), size) }
        var pending: [UInt8] = []
        let limited = Self.bounded(maxBytes: maxBytes) { count in
            if pending.isEmpty { pending = try chunks() ?? [] }
            let chunk = Array(pending.prefix(count))
            pending.removeFirst(chunk.count)
            return chunk
        }
        // The size on disk says nothing about the inflated size, so progress shows no ETA.
        return (LineReader(maxLineBytes: maxLineBytes, read: limited), nil)
    }

    /// Chunks from `read(upToCount:)` up to `maxBytes` in all. The bytes up to the limit are handed on
    /// and the read after that throws `TooLarge`, so the lines before the limit are ingested and a
    /// line cut by the limit is never parsed as if it were whole.
    private static func bounded(maxBytes: Int, read: @escaping (Int) throws -> [UInt8]?) -> () throws -> [UInt8]? {
        var used = 0
        return {
            if used >= maxBytes {
                guard let probe = try read(1), !probe.isEmpty else { return nil }
                throw TooLarge(limit: maxBytes)
            }
            guard let chunk = try read(min(1 << 16, maxBytes - used)), !chunk.isEmpty else { return nil }
            used += chunk.count
            return chunk
        }
    }
}
