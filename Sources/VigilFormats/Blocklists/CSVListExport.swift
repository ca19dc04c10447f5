import VigilCore

/// `type,value,threat_type,confidence,indicator_id` with a header, RFC 4180 quoting where needed.
public enum CSVListExport {
    /// The list's text.
    public static func render(_ entries: [BlocklistEntry]) -> String {
        var text = "type,value,threat_type,confidence,indicator_id\r\n"
        for entry in entries.sorted(by: { ($0.value, $0.indicatorID) < ($1.value, $1.indicatorID) }) {
            text += [entry.value.type.rawValue, entry.value.canonical, entry.threatType.rawValue,
                     String(entry.confidence), entry.indicatorID].map(quoted).joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
