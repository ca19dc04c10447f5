import Testing
@testable import VigilFormats

@Suite("DNS names in wire form")
struct DNSNameTests {
    @Test func labelsAreLengthPrefixedAndLowerCased() {
        #expect(DNSName.labels("Bad-Host.Example.") == [8] + Array("bad-host".utf8) + [7] + Array("example".utf8))
        #expect(DNSName.labels("*.a") == [1, UInt8(ascii: "*"), 1, UInt8(ascii: "a")])
        #expect(DNSName.wire(".") == [0])
        #expect(DNSName.labels("") == [])
    }

    @Test(arguments: ["a..b", String(repeating: "x", count: 64) + ".example", Array(repeating: "abcdefghi", count: 26).joined(separator: ".")])
    func refusesNamesDNSCannotCarry(name: String) {
        #expect(DNSName.labels(name) == nil)
    }

    @Test func readsThroughCompressionPointers() throws {
        // "example." at 0, then "www" + pointer to 0 at 9.
        let message: [UInt8] = [7] + Array("EXAMPLE".utf8) + [0] + [3] + Array("www".utf8) + [0xC0, 0x00]
        var offset = 9
        #expect(try DNSName.read(message, at: &offset) == "www.example.")
        #expect(offset == message.count, "the offset moves past the pointer, not past the name it points to")
        var root = 8
        #expect(try DNSName.read(message, at: &root) == ".")
    }

    @Test func reportsBrokenNamesWithTheirOffset() {
        var offset = 0
        #expect(throws: DNSWireError.badPointer(at: 0)) { try DNSName.read([0xC0, 0x00], at: &offset) }
        offset = 0
        #expect(throws: DNSWireError.truncated(at: 0)) { try DNSName.read([5, 0x61, 0x62], at: &offset) }
        offset = 0
        #expect(throws: DNSWireError.badLabel(at: 0)) { try DNSName.read([0x41, 0], at: &offset) }
        offset = 0
        #expect(throws: DNSWireError.truncated(at: 4)) { try DNSName.read([3, 0x61, 0x62, 0x63], at: &offset) }
    }

    @Test func queriesCarryTheirQuestionAndTheIXFRSerial() throws {
        let ixfr = try DNSQuery(parsing: queryMessage(id: 7, name: "Malware-DNS.rpz.vigil", type: .ixfr, clientSerial: 41))
        #expect(ixfr == DNSQuery(id: 7, name: "malware-dns.rpz.vigil.", type: 251, clientSerial: 41))
        let soa = try DNSQuery(parsing: queryMessage(name: "x.", type: .soa))
        #expect(soa.clientSerial == nil && !soa.isResponse && soa.opcode == 0)
        #expect(throws: DNSWireError.truncated(at: 11)) { try DNSQuery(parsing: Array(repeating: 0, count: 11)) }
        var twoQuestions = queryMessage(name: "x.", type: .soa)
        twoQuestions[5] = 2
        #expect(throws: DNSWireError.questionCount(2)) { try DNSQuery(parsing: twoQuestions) }
        // BIND leaves the question out of every zone transfer message after the first.
        var laterMessage = DNSMessageBuilder(id: 9, apex: [0], type: 6).finish()
        laterMessage[5] = 0
        let later = try DNSQuery(parsing: Array(laterMessage.prefix(12)))
        #expect(later.isResponse && later.name.isEmpty && later.id == 9)
        #expect(throws: DNSWireError.questionCount(0)) { try DNSQuery(parsing: queryMessage(name: "x.", type: .soa).enumerated().map { $0.offset == 5 ? 0 : $0.element }) }
    }
}
