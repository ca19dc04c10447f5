import CompressNIO
import NIOCore

/// Inflates gzip input chunk by chunk, so a compressed feed is read with the same bounded memory
/// as a plain one. Concatenated members (`cat a.gz b.gz`) are read one after the other.
final class GzipChunks {
    /// What can be wrong with a gzip stream.
    enum Problem: Error, Equatable, CustomStringConvertible {
        /// The compressed data is damaged at about this compressed offset.
        case corrupt(offset: Int)
        /// The input ended inside a gzip member.
        case truncated(offset: Int)
        /// Bytes after the end of the last member that are not another member.
        case trailingData(offset: Int)

        var description: String {
            switch self {
            case .corrupt(let offset): "gzip data corrupt near compressed byte \(offset)"
            case .truncated(let offset): "gzip input truncated after \(offset) compressed bytes"
            case .trailingData(let offset): "data after the end of the gzip stream at compressed byte \(offset)"
            }
        }
    }

    /// `read`'s chunks (nil at the end), inflated when the first one starts with the gzip magic
    /// number, whatever the input's name; `isGzip` says which it was.
    static func inflatingIfGzip(
        _ read: @escaping () throws -> [UInt8]?
    ) throws -> (chunks: () throws -> [UInt8]?, isGzip: Bool) {
        var first = try read()
        let replayed: () throws -> [UInt8]? = {
            guard let chunk = first else { return try read() }
            first = nil
            return chunk
        }
        guard let head = first, isGzip(head) else { return (replayed, false) }
        let inflated = try GzipChunks(read: replayed)
        return ({ try inflated.next() }, true)
    }

    /// Whether `bytes` begin with the gzip magic number.
    static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    private let read: () throws -> [UInt8]?
    private let decompressor: ZlibDecompressor
    private var pending = ByteBuffer()
    private var inputEnded = false
    private var offset = 0

    /// Inflates the chunks `read` returns (nil or empty at the end).
    init(read: @escaping () throws -> [UInt8]?) throws {
        self.read = read
        decompressor = try ZlibDecompressor(algorithm: .gzip)
    }

    /// The next inflated chunk, or nil at the end of the stream.
    func next() throws -> [UInt8]? {
        while true {
            if pending.readableBytes == 0, !inputEnded {
                if let chunk = try read(), !chunk.isEmpty {
                    pending = ByteBuffer(bytes: chunk)
                } else {
                    inputEnded = true
                }
            }
            if pending.readableBytes == 0, inputEnded {
                try checkStreamEnded()
                return nil
            }
            var output = ByteBuffer()
            output.reserveCapacity(1 << 16)
            let before = pending.readableBytes
            do {
                try decompressor.inflate(from: &pending, to: &output)
            } catch let error as CompressNIOError where error == .bufferOverflow || error == .inputBufferOverflow {
                // The output chunk is full, or the member needs more input: both are normal here.
            } catch {
                throw Problem.corrupt(offset: offset + before - pending.readableBytes)
            }
            offset += before - pending.readableBytes
            if output.readableBytes > 0 { return Array(output.readableBytesView) }
            if before == pending.readableBytes {
                // No progress with input left: the member ended and more bytes follow.
                guard Self.isGzip(Array(pending.readableBytesView.prefix(2))) else {
                    throw Problem.trailingData(offset: offset)
                }
                try decompressor.reset()
            }
        }
    }

    /// At the end of the input, an inflate call without input tells an ended member (no error)
    /// from one cut short (zlib asks for more input).
    private func checkStreamEnded() throws {
        var empty = ByteBuffer()
        empty.reserveCapacity(16)
        var output = ByteBuffer()
        output.reserveCapacity(16)
        do {
            try decompressor.inflate(from: &empty, to: &output)
        } catch {
            throw Problem.truncated(offset: offset)
        }
    }
}
