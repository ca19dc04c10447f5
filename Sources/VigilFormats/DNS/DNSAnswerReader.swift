/// Reads the answer records of a DNS message, for clients of a zone transfer (tests, benchmarks,
/// tools) that check what a secondary would see.
public enum DNSAnswerReader {
    /// One resource record.
    public struct Record: Sendable, Equatable {
        /// The owner name, lower-cased, ending with a dot.
        public var owner: String
        /// The record type.
        public var type: UInt16
        /// The record data as sent.
        public var rdata: [UInt8]

        /// The serial, when this is an SOA record.
        public var soaSerial: UInt32?

        /// A record; an SOA's serial is read from `rdata` (which must then hold no compression pointers).
        public init(owner: String, type: UInt16, rdata: [UInt8]) {
            self.init(owner: owner, type: type, rdata: rdata, in: rdata, at: 0)
        }

        /// A record whose data starts at `offset` in `message`, where an SOA's names may point.
        init(owner: String, type: UInt16, rdata: [UInt8], in message: [UInt8], at offset: Int) {
            self.owner = owner
            self.type = type
            self.rdata = rdata
            soaSerial = nil
            guard type == DNSCode.RecordType.soa.rawValue else { return }
            var position = offset
            guard (try? DNSName.read(message, at: &position)) != nil, (try? DNSName.read(message, at: &position)) != nil,
                  position + 4 <= message.count
            else { return }
            soaSerial = UInt32(DNSQuery.uint16(message, position)) << 16 | UInt32(DNSQuery.uint16(message, position + 2))
        }
    }

    /// The header and question of `message`, and its answer records.
    public static func answers(in message: [UInt8]) throws(DNSWireError) -> (header: DNSQuery, answers: [Record]) {
        let header = try DNSQuery(parsing: message)
        var offset = 12
        if DNSQuery.uint16(message, 4) == 1 {
            _ = try DNSName.read(message, at: &offset)
            offset += 4
        }
        var answers: [Record] = []
        for _ in 0..<Int(DNSQuery.uint16(message, 6)) {
            let owner = try DNSName.read(message, at: &offset)
            guard offset + 10 <= message.count else { throw .truncated(at: offset) }
            let type = DNSQuery.uint16(message, offset)
            let length = Int(DNSQuery.uint16(message, offset + 8))
            offset += 10
            guard offset + length <= message.count else { throw .truncated(at: offset) }
            answers.append(Record(owner: owner, type: type, rdata: Array(message[offset..<(offset + length)]), in: message, at: offset))
            offset += length
        }
        return (header, answers)
    }
}

/// Follows the records of one AXFR or IXFR answer and tells when it is complete (RFC 5936 §2.2,
/// RFC 1995 §4): an AXFR ends at the second SOA; an IXFR alternates deletions and additions, each
/// opened by an SOA, and ends at the current SOA where a deletion section would start.
public struct ZoneTransferProgress: Sendable {
    private enum State { case start, first(UInt32), full, deleting, adding, done }
    private var state = State.start
    /// Whether the answer was incremental.
    public private(set) var isIncremental = false
    /// Records seen, SOAs included.
    public private(set) var recordCount = 0

    /// A fresh answer.
    public init() {}

    /// Whether the last record completed the answer.
    public var isComplete: Bool { if case .done = state { true } else { false } }

    /// Takes the next record.
    public mutating func add(_ record: DNSAnswerReader.Record) {
        recordCount += 1
        let serial = record.soaSerial
        switch state {
        case .start:
            state = serial.map { .first($0) } ?? .done
        case .first(let current):
            if serial == current, recordCount == 2 { state = .done } else if serial != nil {
                isIncremental = true
                state = .deleting
            } else {
                state = .full
            }
            currentSerial = current
        case .full:
            if serial != nil { state = .done }
        case .deleting:
            if serial != nil { state = .adding }
        case .adding:
            if let serial { state = serial == currentSerial ? .done : .deleting }
        case .done:
            break
        }
    }

    /// Marks the end of a message: an answer holding the SOA alone is complete (the client is current).
    public mutating func endOfMessage() {
        if case .first = state, recordCount == 1 { state = .done }
    }

    private var currentSerial: UInt32 = 0
}
