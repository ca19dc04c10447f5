import Testing
@testable import VigilFormats

typealias DecodedRecord = DNSAnswerReader.Record

/// The header and answers of a message this module wrote, read back as a secondary reads them.
func decodeAnswers(_ message: [UInt8]) throws -> (header: DNSQuery, answers: [DecodedRecord]) {
    try DNSAnswerReader.answers(in: message)
}

/// The serial of an SOA record's data.
func soaSerial(_ rdata: [UInt8]) throws -> UInt32 {
    try #require(DNSAnswerReader.Record(owner: ".", type: DNSCode.RecordType.soa.rawValue, rdata: rdata).soaSerial)
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
