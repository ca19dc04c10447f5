@testable import VigilFormats

/// A record read back from a message this module wrote.
struct DecodedRecord: Equatable {
    var owner: String
    var type: UInt16
    var rdata: [UInt8]
}

/// Reads the answer section of `message` (names through their compression pointers), so tests
/// check what a secondary would read rather than the bytes written.
func decodeAnswers(_ message: [UInt8]) throws -> (header: DNSQuery, answers: [DecodedRecord]) {
    let header = try DNSQuery(parsing: message)
    var offset = 12
    _ = try DNSName.read(message, at: &offset)
    offset += 4
    let count = Int(DNSQuery.uint16(message, 6))
    var answers: [DecodedRecord] = []
    for _ in 0..<count {
        let owner = try DNSName.read(message, at: &offset)
        let type = DNSQuery.uint16(message, offset)
        let length = Int(DNSQuery.uint16(message, offset + 8))
        offset += 10
        answers.append(DecodedRecord(owner: owner, type: type, rdata: Array(message[offset..<(offset + length)])))
        offset += length
    }
    return (header, answers)
}

/// The serial of an SOA record's data.
func soaSerial(_ rdata: [UInt8]) throws -> UInt32 {
    var offset = 0
    _ = try DNSName.read(rdata, at: &offset)
    _ = try DNSName.read(rdata, at: &offset)
    return UInt32(DNSQuery.uint16(rdata, offset)) << 16 | UInt32(DNSQuery.uint16(rdata, offset + 2))
}

/// A query message as a resolver or secondary sends it; an IXFR carries `clientSerial` in an SOA
/// in its authority section (RFC 1995 §3).
func queryMessage(id: UInt16 = 0x1234, name: String, type: DNSCode.RecordType, clientSerial: UInt32? = nil) -> [UInt8] {
    var builder = DNSMessageBuilder(
        id: id, isResponse: false, authoritative: false, apex: DNSName.wire(name)!, type: type.rawValue)
    if let clientSerial {
        builder.appendApexAuthority(type: .soa, ttl: 0, rdata: StartOfAuthority(serial: clientSerial, minimum: 0).rdata)
    }
    return builder.finish()
}
