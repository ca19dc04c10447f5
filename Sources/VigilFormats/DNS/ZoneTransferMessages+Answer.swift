extension ZoneTransferMessages {
    /// The answer of a primary holding `zone` (`nil`: not a zone it serves) and the consecutive
    /// `journal` of changes ending at it, to `query` arriving over TCP or UDP.
    ///
    /// SOA and NS queries get the apex's record; AXFR (TCP only) the whole zone; IXFR the changes since the
    /// client's serial when the journal reaches back to it, the whole zone when it does not, and
    /// the SOA alone when the client is current or asked over UDP (so it asks again over TCP).
    public static func answer(_ query: DNSQuery, zone: ZoneSnapshot?, journal: [ZoneDelta], overTCP: Bool) -> Self {
        guard query.opcode == DNSCode.Opcode.query.rawValue else { return error(answering: query, code: .notImplemented) }
        guard query.qclass == DNSCode.classIN else { return error(answering: query, code: .refused) }
        guard let zone else { return error(answering: query, code: .refused) }
        switch DNSCode.RecordType(rawValue: query.type) {
        case .soa:
            return soaOnly(answering: query, from: zone)
        case .ns:
            return nameServer(answering: query, from: zone)
        case .axfr:
            return overTCP ? full(answering: query, from: zone) : error(answering: query, code: .formatError)
        case .ixfr:
            guard let clientSerial = query.clientSerial else { return error(answering: query, code: .formatError) }
            if !overTCP || isCurrent(clientSerial, against: zone.serial) { return soaOnly(answering: query, from: zone) }
            guard let start = journal.firstIndex(where: { $0.from == clientSerial }), journal.last?.to == zone.serial else {
                return full(answering: query, from: zone)
            }
            return incremental(answering: query, from: zone, deltas: Array(journal[start...]))
        default:
            return error(answering: query, code: .refused)
        }
    }

    /// Whether a client at `serial` has `current` or newer, in serial number arithmetic (RFC 1982).
    static func isCurrent(_ serial: UInt32, against current: UInt32) -> Bool {
        Int32(bitPattern: serial &- current) >= 0
    }
}
