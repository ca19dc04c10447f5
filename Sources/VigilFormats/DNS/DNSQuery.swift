/// Record types and codes this server reads and writes (RFC 1035, 1995, 1996, 5936).
public enum DNSCode {
    /// Record types.
    public enum RecordType: UInt16, Sendable {
        case ns = 2, cname = 5, soa = 6, ixfr = 251, axfr = 252, any = 255
    }
    /// Operation codes.
    public enum Opcode: UInt8, Sendable {
        case query = 0, notify = 4
    }
    /// Response codes.
    public enum ResponseCode: UInt8, Sendable {
        case noError = 0, formatError = 1, serverFailure = 2, nameError = 3, notImplemented = 4, refused = 5, notAuth = 9
    }
    /// The Internet class.
    public static let classIN: UInt16 = 1
}

/// A DNS message as far as a zone transfer primary needs it: the header, the single question,
/// and the serial of the SOA an IXFR query carries in its authority section.
public struct DNSQuery: Sendable, Equatable {
    /// The message id, echoed in the answer.
    public var id: UInt16
    /// Whether this is a response (a secondary's answer to our NOTIFY).
    public var isResponse: Bool
    /// The operation code's raw value.
    public var opcode: UInt8
    /// The response code (responses only).
    public var responseCode: UInt8
    /// The question's name, lower-cased, ending with a dot (empty in an answer without a question).
    public var name: String
    /// The question's type.
    public var type: UInt16
    /// The question's class.
    public var qclass: UInt16
    /// For IXFR: the serial of the zone version the client holds.
    public var clientSerial: UInt32?

    /// Creates a query.
    public init(id: UInt16, name: String, type: UInt16, opcode: UInt8 = 0, clientSerial: UInt32? = nil) {
        self.id = id
        isResponse = false
        self.opcode = opcode
        responseCode = 0
        self.name = name
        self.type = type
        qclass = DNSCode.classIN
        self.clientSerial = clientSerial
    }

    /// Reads a message; only the header, the question and (for IXFR) the first authority record.
    public init(parsing message: [UInt8]) throws(DNSWireError) {
        guard message.count >= 12 else { throw .truncated(at: message.count) }
        id = Self.uint16(message, 0)
        let flags = Self.uint16(message, 2)
        isResponse = flags & 0x8000 != 0
        opcode = UInt8((flags >> 11) & 0x0F)
        responseCode = UInt8(flags & 0x000F)
        let questions = Int(Self.uint16(message, 4))
        let authorities = Int(Self.uint16(message, 8))
        clientSerial = nil
        // After the first message of a zone transfer, answers may leave the question out.
        if questions == 0, isResponse {
            name = ""
            type = 0
            qclass = DNSCode.classIN
            return
        }
        guard questions == 1 else { throw .questionCount(questions) }
        var offset = 12
        name = try DNSName.read(message, at: &offset)
        guard offset + 4 <= message.count else { throw .truncated(at: offset) }
        type = Self.uint16(message, offset)
        qclass = Self.uint16(message, offset + 2)
        offset += 4
        if type == DNSCode.RecordType.ixfr.rawValue, authorities > 0, !isResponse {
            clientSerial = try Self.soaSerial(message, at: offset)
        }
    }

    /// The serial of the SOA record at `offset` (RFC 1995 §3: an IXFR query's authority section).
    private static func soaSerial(_ message: [UInt8], at start: Int) throws(DNSWireError) -> UInt32 {
        var offset = start
        _ = try DNSName.read(message, at: &offset)
        guard offset + 10 <= message.count else { throw .truncated(at: offset) }
        guard uint16(message, offset) == DNSCode.RecordType.soa.rawValue else { throw .truncated(at: offset) }
        offset += 10
        _ = try DNSName.read(message, at: &offset)
        _ = try DNSName.read(message, at: &offset)
        guard offset + 4 <= message.count else { throw .truncated(at: offset) }
        return UInt32(uint16(message, offset)) << 16 | UInt32(uint16(message, offset + 2))
    }

    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }
}
