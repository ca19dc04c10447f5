import NIOCore

/// Splits a DNS-over-TCP byte stream into messages: each is preceded by its length as two bytes
/// (RFC 1035 §4.2.2, RFC 7766).
struct DNSFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
              buffer.readableBytes >= 2 + Int(length)
        else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 2)
        context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }
}

extension ByteBuffer {
    /// `message` with its two-byte length in front, as DNS over TCP sends it.
    init(dnsFrame message: [UInt8]) {
        self.init()
        reserveCapacity(message.count + 2)
        writeInteger(UInt16(message.count))
        writeBytes(message)
    }
}
