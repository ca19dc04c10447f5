/// The messages answering one AXFR or IXFR query (RFC 5936, RFC 1995), produced one at a time so
/// a zone of millions of records is never held as one answer.
///
/// An AXFR is SOA, every record, SOA. An IXFR is the current SOA, then per change the old SOA,
/// the deleted records, the new SOA and the added records, then the current SOA again; when the
/// client is current it is the SOA alone. Every message repeats the question, so owners can point
/// to the apex in it.
public struct ZoneTransferMessages: Sequence, IteratorProtocol, Sendable {
    /// Largest message written: room for one more record below TCP's 65,535-byte limit.
    public static let defaultMessageLimit = 60_000

    private enum Part: Sendable {
        case soa(UInt32)
        case nameServer
        case owners(PackedNames, target: [UInt8])
    }

    private let query: DNSQuery
    private let snapshot: ZoneSnapshot
    private let parts: [Part]
    private let limit: Int
    private var part = 0
    private var index = 0
    private var prebuilt: [UInt8]?

    /// Every record of `snapshot`, for `query` (an AXFR, or an IXFR the journal cannot answer).
    public static func full(answering query: DNSQuery, from snapshot: ZoneSnapshot, limit: Int = defaultMessageLimit) -> Self {
        Self(query: query, snapshot: snapshot, limit: limit, parts: [
            .soa(snapshot.serial), .nameServer, .owners(snapshot.owners, target: snapshot.target), .soa(snapshot.serial),
        ])
    }

    /// The changes `deltas` (consecutive, oldest first, ending at `snapshot`) for an IXFR query.
    public static func incremental(
        answering query: DNSQuery, from snapshot: ZoneSnapshot, deltas: [ZoneDelta], limit: Int = defaultMessageLimit
    ) -> Self {
        var parts: [Part] = [.soa(snapshot.serial)]
        for delta in deltas {
            parts += [
                .soa(delta.from), .owners(delta.removed, target: delta.removedTarget),
                .soa(delta.to), .owners(delta.added, target: snapshot.target),
            ]
        }
        parts.append(.soa(snapshot.serial))
        return Self(query: query, snapshot: snapshot, limit: limit, parts: parts)
    }

    /// The apex's NS record.
    public static func nameServer(answering query: DNSQuery, from snapshot: ZoneSnapshot) -> Self {
        Self(query: query, snapshot: snapshot, limit: defaultMessageLimit, parts: [.nameServer])
    }

    /// The current SOA alone: the client is up to date (or must ask again over TCP).
    public static func soaOnly(answering query: DNSQuery, from snapshot: ZoneSnapshot) -> Self {
        Self(query: query, snapshot: snapshot, limit: defaultMessageLimit, parts: [.soa(snapshot.serial)])
    }

    private init(query: DNSQuery, snapshot: ZoneSnapshot, limit: Int, parts: [Part]) {
        self.query = query
        self.snapshot = snapshot
        self.limit = limit
        self.parts = parts
    }

    /// A header-only answer with `code` (the question echoed), for a query this primary does not serve.
    public static func error(answering query: DNSQuery, code: DNSCode.ResponseCode) -> Self {
        let apex = DNSName.wire(query.name) ?? [0]
        let opcode = DNSCode.Opcode(rawValue: query.opcode) ?? .query
        var messages = Self(
            query: query, snapshot: ZoneSnapshot.empty, limit: defaultMessageLimit, parts: [])
        messages.prebuilt = DNSMessageBuilder(
            id: query.id, opcode: opcode, authoritative: false, responseCode: code, apex: apex, type: query.type
        ).finish()
        return messages
    }

    /// The next message, or `nil` after the last.
    public mutating func next() -> [UInt8]? {
        if let message = prebuilt {
            prebuilt = nil
            return message
        }
        guard part < parts.count else { return nil }
        var message = DNSMessageBuilder(id: query.id, apex: snapshot.apex, type: query.type)
        let ttl = snapshot.soa.minimum
        while part < parts.count, message.bytes.count < limit {
            switch parts[part] {
            case .soa(let serial):
                message.appendAnswer(
                    relativeLabels: EmptyCollection(), type: .soa, ttl: ttl,
                    rdata: StartOfAuthority(serial: serial, minimum: ttl).rdata)
                part += 1
            case .nameServer:
                message.appendAnswer(relativeLabels: EmptyCollection(), type: .ns, ttl: ttl, rdata: StartOfAuthority.primaryWire)
                part += 1
            case .owners(let owners, let target):
                while index < owners.count, message.bytes.count < limit {
                    message.appendAnswer(relativeLabels: owners[index], type: .cname, ttl: ttl, rdata: target)
                    index += 1
                }
                if index == owners.count {
                    index = 0
                    part += 1
                }
            }
        }
        return message.finish()
    }
}
