import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import VigilFormats
import VigilServices

/// The DNS primary for the blocklists' RPZ zones (SPEC C4): SOA, AXFR and IXFR over TCP, SOA
/// and IXFR over UDP on the configured address, and NOTIFY to the configured secondaries when a
/// zone changes. Zones are rebuilt every `check_seconds` and at once on a blocklist change signal.
struct ZoneTransferServer: Service {
    let zones: ZoneTransferService
    let changes: BlocklistChanges
    let listen: VigilConfiguration.ListenAddress
    let logger: Logger

    typealias Datagrams = DualListener.Datagrams
    typealias Connection = DualListener.Connection

    func run() async throws {
        let listener = try await DualListener.bind(listen) { DNSFrameDecoder() }
        let (streams, datagrams) = (listener.streams, listener.datagrams)
        logger.info("zone transfer listening", metadata: ["address": "\(listen)"])
        let notifications = NotifyTracker()
        // Shutting down cancels the loops; that is the normal end, not an error.
        do { try await serve(streams: streams, datagrams: datagrams, notifications: notifications) } catch is CancellationError {}
    }

    private func serve(
        streams: NIOAsyncChannel<Connection, Never>, datagrams: Datagrams, notifications: NotifyTracker
    ) async throws {
        try await cancelWhenGracefulShutdown {
            try await datagrams.executeThenClose { udpInbound, udpOutbound in
                try await withThrowingDiscardingTaskGroup { tasks in
                    tasks.addTask { try await serveStreams(streams) }
                    tasks.addTask {
                        for try await envelope in udpInbound {
                            await answerDatagram(envelope, outbound: udpOutbound, notifications: notifications)
                        }
                    }
                    tasks.addTask { try await refreshLoop(outbound: udpOutbound, notifications: notifications) }
                }
            }
        }
    }

    /// Accepts TCP connections and answers their queries in order, one task per connection.
    private func serveStreams(_ server: NIOAsyncChannel<Connection, Never>) async throws {
        try await withThrowingDiscardingTaskGroup { tasks in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    tasks.addTask { await serve(connection) }
                }
            }
        }
    }

    private func serve(_ connection: Connection) async {
        let address = connection.channel.remoteAddress?.ipAddress ?? ""
        do {
            try await connection.executeThenClose { inbound, outbound in
                for try await frame in inbound {
                    guard let query = parse(frame, from: address), !query.isResponse else { return }
                    let messages = await zones.answer(query, from: address, overTCP: true)
                    var count = 0
                    for message in messages {
                        try await outbound.write(ByteBuffer(dnsFrame: message))
                        count += 1
                    }
                    log(query, from: address, transport: "tcp", messages: count)
                }
            }
        } catch {
            logger.debug("zone transfer connection ended", metadata: ["client": "\(address)", "error": "\(error)"])
        }
    }

    /// Answers a query over UDP, or records a secondary's answer to our NOTIFY.
    private func answerDatagram(
        _ envelope: AddressedEnvelope<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>,
        notifications: NotifyTracker
    ) async {
        let address = envelope.remoteAddress.ipAddress ?? ""
        guard let query = parse(envelope.data, from: address) else { return }
        if query.isResponse {
            if query.opcode == DNSCode.Opcode.notify.rawValue {
                await notifications.acknowledge(id: query.id, from: envelope.remoteAddress)
            }
            return
        }
        var messages = await zones.answer(query, from: address, overTCP: false)
        guard let message = messages.next() else { return }
        try? await outbound.write(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: ByteBuffer(bytes: message)))
        log(query, from: address, transport: "udp", messages: 1)
    }

    /// Rebuilds the zones at start, on every change signal and every `check_seconds`, and
    /// notifies the secondaries of each zone that changed.
    private func refreshLoop(
        outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>, notifications: NotifyTracker
    ) async throws {
        let interval = zones.settings.checkSeconds
        try await withThrowingDiscardingTaskGroup { tasks in
            tasks.addTask {
                while true {
                    try await Task.sleep(for: .seconds(interval))
                    changes.signal()
                }
            }
            var first = true
            changes.signal()
            for await _ in changes.signals {
                do {
                    let changed = try await zones.refresh()
                    for snapshot in changed {
                        logger.info("zone version", metadata: [
                            "zone": "\(snapshot.origin)", "serial": "\(snapshot.serial)", "records": "\(snapshot.owners.count)",
                        ])
                        // The first build is what secondaries find when they ask; no news to announce.
                        if first { continue }
                        for target in await zones.notifyTargets(origin: snapshot.origin) {
                            tasks.addTask {
                                await notify(target, of: snapshot, outbound: outbound, notifications: notifications)
                            }
                        }
                    }
                    first = false
                } catch {
                    logger.error("zone rebuild failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Sends NOTIFY to `target` until it answers, at most `NotifyTracker.attempts` times.
    private func notify(
        _ target: VigilConfiguration.ListenAddress, of snapshot: ZoneSnapshot,
        outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>, notifications: NotifyTracker
    ) async {
        guard let address = try? SocketAddress.makeAddressResolvingHost(target.host, port: target.port) else {
            logger.warning("cannot resolve notify target", metadata: ["target": "\(target)"])
            return
        }
        let id = UInt16.random(in: .min ... .max)
        await notifications.expect(id: id, from: address)
        for attempt in 1...NotifyTracker.attempts {
            let message = ByteBuffer(bytes: snapshot.notifyMessage(id: id))
            try? await outbound.write(AddressedEnvelope(remoteAddress: address, data: message))
            try? await Task.sleep(for: .seconds(NotifyTracker.retrySeconds))
            if await notifications.isAcknowledged(id: id) {
                logger.info("notify acknowledged", metadata: [
                    "zone": "\(snapshot.origin)", "serial": "\(snapshot.serial)", "target": "\(target)", "attempt": "\(attempt)",
                ])
                return
            }
        }
        await notifications.forget(id: id)
        logger.warning("notify not acknowledged", metadata: ["zone": "\(snapshot.origin)", "target": "\(target)"])
    }

    private func parse(_ buffer: ByteBuffer, from address: String) -> DNSQuery? {
        do { return try DNSQuery(parsing: Array(buffer: buffer)) } catch {
            logger.notice("malformed DNS message", metadata: ["client": "\(address)", "error": "\(error)"])
            return nil
        }
    }

    private func log(_ query: DNSQuery, from address: String, transport: String, messages: Int) {
        logger.info("zone transfer query", metadata: [
            "client": "\(address)", "zone": "\(query.name)", "type": "\(query.type)", "transport": "\(transport)",
            "messages": "\(messages)", "client_serial": "\(query.clientSerial.map(String.init) ?? "-")",
        ])
    }
}

/// NOTIFY messages sent and not yet answered, by message id and target.
actor NotifyTracker {
    /// Sends per NOTIFY before giving up.
    static let attempts = 5
    /// Seconds between sends.
    static let retrySeconds = 2

    private var pending: [UInt16: SocketAddress] = [:]
    private var acknowledged = Set<UInt16>()

    func expect(id: UInt16, from address: SocketAddress) { pending[id] = address }

    func acknowledge(id: UInt16, from address: SocketAddress) {
        guard pending[id]?.ipAddress == address.ipAddress else { return }
        pending[id] = nil
        acknowledged.insert(id)
    }

    func isAcknowledged(id: UInt16) -> Bool { acknowledged.remove(id) != nil }

    func forget(id: UInt16) { pending[id] = nil }
}
