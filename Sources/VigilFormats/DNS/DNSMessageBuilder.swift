/// Writes one DNS message whose question names a zone's apex: owners inside the zone are
/// written as their labels relative to the apex followed by a pointer to the question's name
/// (offset 12), so each record costs its own labels only.
public struct DNSMessageBuilder: Sendable {
    /// The message so far.
    public private(set) var bytes: [UInt8]
    private var answers: UInt16 = 0
    private var authorities: UInt16 = 0

    /// A message with `id`, the header flags, and the question (`apex`, `type`, IN).
    public init(
        id: UInt16, opcode: DNSCode.Opcode = .query, isResponse: Bool = true, authoritative: Bool = true,
        responseCode: DNSCode.ResponseCode = .noError, apex: [UInt8], type: UInt16
    ) {
        bytes = []
        bytes.reserveCapacity(512)
        append16(id)
        var flags = UInt16(opcode.rawValue) << 11 | UInt16(responseCode.rawValue)
        if isResponse { flags |= 0x8000 }
        if authoritative { flags |= 0x0400 }
        append16(flags)
        append16(1)
        append16(0)
        append16(0)
        append16(0)
        bytes.append(contentsOf: apex)
        append16(type)
        append16(DNSCode.classIN)
    }

    /// The number of answer records written.
    public var answerCount: Int { Int(answers) }

    /// Appends an answer whose owner is `relativeLabels` under the apex (empty: the apex itself).
    public mutating func appendAnswer(relativeLabels: some Collection<UInt8>, type: DNSCode.RecordType, ttl: UInt32, rdata: [UInt8]) {
        bytes.append(contentsOf: relativeLabels)
        appendRecordTail(type: type, ttl: ttl, rdata: rdata)
        answers += 1
    }

    /// Appends a record at the apex to the authority section (after every answer).
    public mutating func appendApexAuthority(type: DNSCode.RecordType, ttl: UInt32, rdata: [UInt8]) {
        appendRecordTail(type: type, ttl: ttl, rdata: rdata)
        authorities += 1
    }

    /// The finished message.
    public func finish() -> [UInt8] {
        var message = bytes
        message[6] = UInt8(answers >> 8)
        message[7] = UInt8(answers & 0xFF)
        message[8] = UInt8(authorities >> 8)
        message[9] = UInt8(authorities & 0xFF)
        return message
    }

    private mutating func appendRecordTail(type: DNSCode.RecordType, ttl: UInt32, rdata: [UInt8]) {
        bytes.append(0xC0)
        bytes.append(0x0C)
        append16(type.rawValue)
        append16(DNSCode.classIN)
        append16(UInt16(ttl >> 16))
        append16(UInt16(ttl & 0xFFFF))
        append16(UInt16(rdata.count))
        bytes.append(contentsOf: rdata)
    }

    private mutating func append16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }
}

/// The SOA of an RPZ zone, the same in the zone file and over DNS.
public struct StartOfAuthority: Sendable, Equatable {
    /// The primary's name.
    public static let primary = "localhost."
    /// The mailbox of the zone's keeper.
    public static let mailbox = "hostmaster.localhost."
    /// Seconds between a secondary's checks when no NOTIFY arrives.
    public static let refresh: UInt32 = 3600
    /// Seconds before a failed check is retried.
    public static let retry: UInt32 = 600
    /// Seconds after which a secondary that cannot reach the primary drops the zone.
    public static let expire: UInt32 = 604_800

    /// The version.
    public var serial: UInt32
    /// The negative-caching TTL (and the zone's record TTL).
    public var minimum: UInt32

    /// An SOA at `serial`.
    public init(serial: UInt32, minimum: UInt32) {
        self.serial = serial
        self.minimum = minimum
    }

    /// The record's text after `SOA` in a zone file.
    public var text: String {
        "\(Self.primary) \(Self.mailbox) \(serial) \(Self.refresh) \(Self.retry) \(Self.expire) \(minimum)"
    }

    /// The record's data in wire form.
    public var rdata: [UInt8] {
        var data = Self.primaryWire + Self.mailboxWire
        for value in [serial, Self.refresh, Self.retry, Self.expire, minimum] {
            data += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        }
        return data
    }

    /// ``primary`` in wire form (the apex's NS data).
    public static let primaryWire = DNSName.wire(primary)!
    private static let mailboxWire = DNSName.wire(mailbox)!
}
