import VigilCore

/// `type,value,threat_type,confidence,indicator_id` with a header, RFC 4180 quoting where needed.
public struct CSVListExport: Sendable, BlocklistWriter {
    private var text = "type,value,threat_type,confidence,indicator_id\r\n"

    /// An empty list.
    public init() {}

    public mutating func add(_ entry: BlocklistEntry) {
        text += [entry.value.type.rawValue, entry.value.canonical, entry.threatType.rawValue,
                 String(entry.confidence), entry.indicatorID].map(CSVFields.quoted).joined(separator: ",")
        text += "\r\n"
    }

    public mutating func finish(serial: UInt32) -> String { text }
}
