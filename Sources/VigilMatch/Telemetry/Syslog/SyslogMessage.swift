/// The log line inside a syslog message, for the telemetry scanners.
///
/// RFC 3164 (`<30>Nov 26 00:00:01 resolver unbound: [812:0] info: …`) keeps everything after the
/// priority: the scanners read the BSD time and find their own markers after the tag. RFC 5424
/// (`<30>1 2026-11-26T00:00:01.123Z resolver unbound 812 - - info: …`) gives the MSG part alone;
/// its header time is not carried over, so a line without a time of its own gets the scan's.
public enum SyslogMessage {
    /// What was wrong with a message.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// No `<PRI>` at the start.
        case missingPriority
        /// An RFC 5424 header cut short.
        case truncatedHeader

        public var description: String {
            switch self {
            case .missingPriority: "syslog message without <PRI>"
            case .truncatedHeader: "RFC 5424 header cut short"
            }
        }
    }

    /// The bytes of `message` the scanners should read (no trailing newline).
    public static func line(of message: [UInt8]) throws(Problem) -> ArraySlice<UInt8> {
        var end = message.count
        while end > 0, message[end - 1] == 0x0A || message[end - 1] == 0x0D || message[end - 1] == 0 { end -= 1 }
        guard end > 2, message[0] == 0x3C, let close = message[1..<min(end, 6)].firstIndex(of: 0x3E), close > 1,
              message[1..<close].allSatisfy({ $0 &- 0x30 < 10 })
        else { throw .missingPriority }
        var i = close + 1
        // RFC 5424: VERSION (digits) then a space.
        var j = i
        while j < end, message[j] &- 0x30 < 10 { j += 1 }
        guard j > i, j < end, message[j] == 0x20 else { return message[i..<end] }
        i = j + 1
        // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID, each followed by a space.
        for _ in 0..<5 {
            while i < end, message[i] != 0x20 { i += 1 }
            guard i < end else { throw .truncatedHeader }
            i += 1
        }
        // STRUCTURED-DATA: "-" or one or more [ ... ] elements (a "]" inside quotes is escaped).
        if i < end, message[i] == 0x2D {
            i += 1
        } else {
            while i < end, message[i] == 0x5B {
                i += 1
                while i < end, message[i] != 0x5D {
                    if message[i] == 0x5C { i += 1 }
                    i += 1
                }
                guard i < end else { throw .truncatedHeader }
                i += 1
            }
        }
        if i < end, message[i] == 0x20 { i += 1 }
        // A UTF-8 byte order mark may start MSG.
        if end - i >= 3, message[i] == 0xEF, message[i + 1] == 0xBB, message[i + 2] == 0xBF { i += 3 }
        return message[i..<end]
    }
}
