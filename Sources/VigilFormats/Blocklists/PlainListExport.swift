import VigilCore

/// One canonical value per line, sorted: what simple firewalls, proxies and scripts read.
public enum PlainListExport {
    /// The list's text.
    public static func render(_ entries: [BlocklistEntry]) -> String {
        let values = Set(entries.map(\.value.canonical)).sorted()
        return values.isEmpty ? "" : values.joined(separator: "\n") + "\n"
    }
}
