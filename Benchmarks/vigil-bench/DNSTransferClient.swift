import Foundation
import VigilFormats

/// A blocking DNS-over-TCP client for the zone transfer benchmark: one query, every message of
/// its answer, timed from the query's first byte to the answer's last.
enum DNSTransferClient {
    /// One finished answer.
    struct Transfer {
        var records: Int
        var isIncremental: Bool
        var seconds: Double
        var firstSerial: UInt32?
    }

    /// Asks 127.0.0.1:`port` for `zone` by `type` (an IXFR carries `clientSerial`).
    static func transfer(port: Int, zone: String, type: DNSCode.RecordType, clientSerial: UInt32? = nil) throws -> Transfer {
        guard let apex = DNSName.wire(zone) else { throw BenchmarkError(description: "bad zone name \(zone)") }
        var query = DNSMessageBuilder(id: 0x5151, isResponse: false, authoritative: false, apex: apex, type: type.rawValue)
        if let clientSerial {
            query.appendApexAuthority(type: .soa, ttl: 0, rdata: StartOfAuthority(serial: clientSerial, minimum: 0).rdata)
        }
        let socket = try Socket(port: port)
        defer { socket.close() }
        let message = query.finish()
        let start = ContinuousClock.now
        try socket.write([UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message)
        var progress = ZoneTransferProgress()
        var firstSerial: UInt32?
        while !progress.isComplete {
            let length = try socket.read(2)
            let answer = try socket.read(Int(length[0]) << 8 | Int(length[1]))
            let (header, records) = try DNSAnswerReader.answers(in: answer)
            guard header.responseCode == 0 else { throw BenchmarkError(description: "\(zone): response code \(header.responseCode)") }
            guard !records.isEmpty else { throw BenchmarkError(description: "\(zone): an answer without records") }
            for record in records {
                if firstSerial == nil { firstSerial = record.soaSerial }
                progress.add(record)
            }
            progress.endOfMessage()
        }
        let elapsed = ContinuousClock.now - start
        return Transfer(
            records: progress.recordCount, isIncremental: progress.isIncremental,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, firstSerial: firstSerial)
    }

    /// The zone's serial over TCP, or `nil` while the server does not answer it.
    static func serial(port: Int, zone: String) -> UInt32? {
        try? transfer(port: port, zone: zone, type: .soa).firstSerial
    }

    /// Polls `serial` until `accept` takes it or `seconds` pass.
    static func waitForSerial(port: Int, zone: String, seconds: Double, accept: (UInt32) -> Bool) throws -> UInt32 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let serial = serial(port: port, zone: zone), accept(serial) { return serial }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw BenchmarkError(description: "\(zone) on port \(port): no fitting serial within \(Int(seconds)) s")
    }

    /// A free loopback TCP port.
    static func freePort() throws -> Int {
        let socket = try Socket(port: nil)
        defer { socket.close() }
        return socket.localPort
    }

    /// A connected (or, without a port, bound) IPv4 TCP socket on 127.0.0.1 with a 60 s read timeout.
    struct Socket {
        let descriptor: Int32

        init(port: Int?) throws {
            descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw BenchmarkError(description: "socket: errno \(errno)") }
            var timeout = timeval(tv_sec: 60, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port ?? 0).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    port == nil
                        ? bind(descriptor, generic, socklen_t(MemoryLayout<sockaddr_in>.size))
                        : connect(descriptor, generic, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                Glibc.close(descriptor)
                throw BenchmarkError(description: "127.0.0.1:\(port ?? 0): errno \(errno)")
            }
        }

        var localPort: Int {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        func write(_ bytes: [UInt8]) throws {
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw BenchmarkError(description: "send: errno \(errno)") }
                sent += count
            }
        }

        func read(_ count: Int) throws -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            var received = 0
            while received < count {
                let result = bytes[received...].withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
                guard result > 0 else { throw BenchmarkError(description: "recv: connection closed or timed out (errno \(errno))") }
                received += result
            }
            return bytes
        }

        func close() { Glibc.close(descriptor) }
    }
}
