import Foundation

/// Where the lines of one match run come from: a file (gzip too, by magic number), standard
/// input, or bytes (an upload). Read in chunks of 1 MiB, so memory does not grow with the log.
public enum TelemetryInput: Sendable {
    /// A file.
    case file(path: String)
    /// Standard input.
    case standardInput
    /// Bytes in memory.
    case bytes([UInt8])

    /// The name sightings record as the input (`-` for standard input).
    public var name: String {
        switch self {
        case .file(let path): path
        case .standardInput: "-"
        case .bytes: "upload"
        }
    }

    /// A reader of chunks (nil at the end, never empty before), inflating gzip input.
    func chunks() throws -> () throws -> [UInt8]? {
        let raw: () throws -> [UInt8]?
        switch self {
        case .bytes(let bytes):
            var pending: [UInt8]? = bytes
            raw = { defer { pending = nil }; return pending }
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw FeedInput.Unreadable(path: path) }
            raw = { try handle.read(upToCount: 1 << 20).flatMap { $0.isEmpty ? nil : [UInt8]($0) } }
        case .standardInput:
            raw = { try FileHandle.standardInput.read(upToCount: 1 << 20).flatMap { $0.isEmpty ? nil : [UInt8]($0) } }
        }
        // GzipChunks hands over non-empty chunks only.
        return try GzipChunks.inflatingIfGzip(raw).chunks
    }
}
