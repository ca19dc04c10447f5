import NIOCore

/// Splits syslog over TCP into messages: octet counting (`LEN SP MSG`, RFC 6587 §3.4.1) when a
/// frame starts with a digit, else one message per line (non-transparent framing). A message or
/// length over `maxMessageBytes` closes the connection: a bound on memory.
struct SyslogFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    static let maxMessageBytes = 65_536

    /// A frame that cannot be read.
    struct FramingError: Error, CustomStringConvertible {
        let description: String
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return .needMoreData }
        if first &- 0x30 < 10 {
            let view = buffer.readableBytesView
            guard let space = view.firstIndex(of: 0x20) else {
                if view.count > 6 { throw FramingError(description: "octet count longer than 6 digits") }
                return .needMoreData
            }
            guard let length = Int(String(decoding: view[view.startIndex..<space], as: UTF8.self)),
                  length <= Self.maxMessageBytes
            else { throw FramingError(description: "bad or too large octet count") }
            let header = space - view.startIndex + 1
            guard buffer.readableBytes >= header + length else { return .needMoreData }
            buffer.moveReaderIndex(forwardBy: header)
            context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: length)!))
            return .continue
        }
        guard let newline = buffer.readableBytesView.firstIndex(of: 0x0A) else {
            if buffer.readableBytes > Self.maxMessageBytes { throw FramingError(description: "line longer than \(Self.maxMessageBytes) bytes") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: length)!))
        buffer.moveReaderIndex(forwardBy: 1)
        return .continue
    }
}
