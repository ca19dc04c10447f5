import VigilCore

/// One canonical value per line: what simple firewalls, proxies and scripts read.
public struct PlainListExport: Sendable, BlocklistWriter {
    private var text: [UInt8] = []
    private var repeats = RepeatFilter()

    /// An empty list.
    public init() {}

    public mutating func add(_ entry: BlocklistEntry) {
        guard !repeats.isRepeat(entry.value) else { return }
        text.append(contentsOf: entry.value.canonical.utf8)
        text.append(UInt8(ascii: "\n"))
    }

    public mutating func finish(serial: UInt32) -> String {
        String(decoding: text, as: UTF8.self)
    }
}
