import NIOCore
import NIOPosix
import VigilServices

/// A TCP listener whose connections are cut into messages by a framing decoder, and a UDP socket,
/// both on one address: how DNS (zone transfer) and syslog (sensors) are served.
struct DualListener {
    /// One TCP connection: framed messages in, bytes out.
    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>
    /// The UDP socket: datagrams with their senders.
    typealias Datagrams = NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

    /// The TCP connections as they arrive.
    let streams: NIOAsyncChannel<Connection, Never>
    /// The UDP socket.
    let datagrams: Datagrams

    /// Binds both on `address`; `decoder` makes the framing decoder of each TCP connection.
    static func bind<Decoder: ByteToMessageDecoder & Sendable>(
        _ address: VigilConfiguration.ListenAddress, decoder: @escaping @Sendable () -> Decoder
    ) async throws -> DualListener where Decoder.InboundOut == ByteBuffer {
        let group = MultiThreadedEventLoopGroup.singleton
        let streams = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: address.host, port: address.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(decoder()))
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let datagrams = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: address.host, port: address.port)
            .flatMapThrowing { channel in try Datagrams(wrappingChannelSynchronously: channel) }
            .get()
        return DualListener(streams: streams, datagrams: datagrams)
    }
}
