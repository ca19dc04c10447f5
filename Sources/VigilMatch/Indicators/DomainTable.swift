/// Exact domains and domains-with-subdomains, matched from the bytes of a name in a log line
/// without building a `String`: case-insensitive, one trailing dot ignored, suffixes at label
/// boundaries only.
///
/// Names sit end to end in one byte arena; one open-addressing table of 64-bit slots points at
/// them (the hash's high half as a tag, a bit for "with subdomains", the entry number), so a
/// probe that misses rarely touches the arena. The hash is FNV-1a over the bytes right to
/// left, so one pass over a name yields the hash of every label suffix. Suffix entries are only
/// probed at label counts some suffix entry has (`suffixLabelCounts`): a name of four labels
/// against suffix entries of two and three labels costs three probes, not four.
struct DomainTable: Sendable {
    private var bytes: [UInt8] = []
    /// End offset of each entry in `bytes` (it starts where the previous one ends).
    private var ends: [UInt32] = []
    /// One bit per entry: with subdomains.
    private var withSubdomains: [UInt64] = []
    /// 0: empty; else tag (hash >> 32) << 32 | suffix bit << 31 | entry + 1.
    private var slots: [UInt64] = []
    /// About eight bits per entry, one set for each (name, kind): a probe whose bit is clear
    /// misses without touching `slots`. The table is far larger than the cache, the filter is
    /// not, so most of a log's names (which hit nothing) cost cache hits instead of misses.
    private var filter: [UInt64] = []
    private var filterMask = 0
    /// Bit n set: some suffix entry has n labels (63: 63 or more).
    private var suffixLabelCounts: UInt64 = 0
    private var exactCount = 0

    /// Number of entries.
    var count: Int { ends.count }

    /// Bytes held.
    var memoryBytes: Int {
        bytes.capacity + ends.capacity * 4 + withSubdomains.capacity * 8 + slots.capacity * 8 + filter.capacity * 8
    }

    mutating func reserve(entries: Int, bytes total: Int) {
        ends.reserveCapacity(entries)
        withSubdomains.reserveCapacity(entries / 64 + 1)
        bytes.reserveCapacity(total)
    }

    /// Adds a canonical (lower-case, no trailing dot) name; its entry number is `count` before.
    mutating func append(_ name: String, withSubdomains suffix: Bool) {
        var labels = 1
        for b in name.utf8 {
            bytes.append(asciiLower(b))
            if b == 0x2E { labels += 1 }
        }
        precondition(bytes.count < Int(UInt32.max) && ends.count < Int(Int32.max) - 1, "domain table full")
        ends.append(UInt32(bytes.count))
        if (ends.count - 1) % 64 == 0 { withSubdomains.append(0) }
        if suffix { withSubdomains[(ends.count - 1) / 64] |= 1 << UInt64((ends.count - 1) % 64) }
        if suffix { suffixLabelCounts |= 1 << UInt64(min(labels, 63)) } else { exactCount += 1 }
    }

    /// Builds the lookup table once every entry is in. An entry repeating an earlier one (same
    /// name and kind) is left out of the table: the first wins.
    mutating func seal() {
        // The arena grew by doubling; a compiled set lives long, so give back the slack.
        if bytes.capacity > bytes.count + bytes.count / 8 { bytes = bytes.withUnsafeBufferPointer { Array($0) } }
        let capacity = tableCapacity(for: ends.count)
        var table = [UInt64](repeating: 0, count: capacity)
        var words = 1
        while words * 64 < ends.count * 8 { words *= 2 }
        var bits = [UInt64](repeating: 0, count: words)
        let mask = words * 64 - 1
        bytes.withUnsafeBufferPointer { arena in
            for entry in 0..<ends.count {
                let start = entry == 0 ? 0 : Int(ends[entry - 1]), end = Int(ends[entry])
                var h = fnvBasis
                var i = end
                while i > start {
                    i -= 1
                    h = fnvStep(h, arena[i])
                }
                let marker = (h >> 32) << 32 | (isSuffix(entry) ? 1 << 31 : 0)
                let bit = Self.filterBit(h, isSuffix(entry), mask)
                bits[bit >> 6] |= 1 << UInt64(bit & 63)
                var slot = slotIndex(h, capacity)
                var duplicate = false
                while table[slot] != 0 {
                    let s = table[slot]
                    if s & ~0x7FFF_FFFF == marker, equal(arena, Int(s & 0x7FFF_FFFF) - 1, arena, start, end) {
                        duplicate = true
                        break
                    }
                    slot = slot + 1 == capacity ? 0 : slot + 1
                }
                if !duplicate { table[slot] = marker | UInt64(entry + 1) }
            }
        }
        slots = table
        filter = bits
        filterMask = mask
        if ends.capacity > ends.count + ends.count / 8 { ends = ends.withUnsafeBufferPointer { Array($0) } }
    }

    /// Whether entry `entry` holds a domain with its subdomains.
    func isSuffix(_ entry: Int) -> Bool {
        withSubdomains[entry / 64] & (1 << UInt64(entry % 64)) != 0
    }

    /// The name of entry `entry`.
    func name(_ entry: Int) -> String {
        let from = entry == 0 ? 0 : Int(ends[entry - 1]), to = Int(ends[entry])
        return String(decoding: bytes[from..<to], as: UTF8.self)
    }

    /// The entry a name in `p[start..<end]` hits: an exact entry on the name, else the most
    /// specific entry with subdomains at or above it.
    @inline(__always)
    func match(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var end = end
        if end > start && p[end - 1] == 0x2E { end -= 1 }
        if end <= start || slots.isEmpty { return nil }
        return bytes.withUnsafeBufferPointer { arena in
            slots.withUnsafeBufferPointer { table in
                filter.withUnsafeBufferPointer { bits in walk(p, start, end, arena, table, bits) }
            }
        }
    }

    @inline(__always)
    private func walk(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        _ arena: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt64>, _ bits: UnsafeBufferPointer<UInt64>
    ) -> Int? {
        let suffixes = suffixLabelCounts
        var h = fnvBasis
        var best: Int?
        var labels: UInt64 = 0
        var i = end
        while i > start {
            i -= 1
            let b = asciiLower(p[i])
            if b == 0x2E {
                labels += 1
                if suffixes & (1 << min(labels, 63)) != 0, let e = find(h, true, p, i + 1, end, arena, table, bits) {
                    best = e
                }
            }
            h = fnvStep(h, b)
        }
        if exactCount > 0, let e = find(h, false, p, start, end, arena, table, bits) { return e }
        if suffixes & (1 << min(labels + 1, 63)) != 0, let e = find(h, true, p, start, end, arena, table, bits) { return e }
        return best
    }

    @inline(__always)
    private func find(
        _ h: UInt64, _ suffix: Bool, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        _ arena: UnsafeBufferPointer<UInt8>, _ table: UnsafeBufferPointer<UInt64>, _ bits: UnsafeBufferPointer<UInt64>
    ) -> Int? {
        let bit = Self.filterBit(h, suffix, filterMask)
        if bits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return nil }
        let marker = (h >> 32) << 32 | (suffix ? 1 << 31 : 0)
        let capacity = table.count
        var slot = slotIndex(h, capacity)
        while true {
            let s = table[slot]
            if s == 0 { return nil }
            if s & ~0x7FFF_FFFF == marker {
                let entry = Int(s & 0x7FFF_FFFF) - 1
                if equal(arena, entry, p, start, end) { return entry }
            }
            slot = slot + 1 == capacity ? 0 : slot + 1
        }
    }

    /// The filter bit of a name's hash and kind (from other bits of the hash than the slot's).
    @inline(__always)
    private static func filterBit(_ h: UInt64, _ suffix: Bool, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: mixHash(h ^ (suffix ? 0x5555_5555_5555_5555 : 0))) & mask
    }

    /// Whether entry `entry` equals `p[start..<end]` folded to lower case.
    @inline(__always)
    private func equal(
        _ arena: UnsafeBufferPointer<UInt8>, _ entry: Int, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
    ) -> Bool {
        let from = entry == 0 ? 0 : Int(ends[entry - 1]), to = Int(ends[entry])
        if to - from != end - start { return false }
        var k = 0
        while k < to - from {
            if arena[from + k] != asciiLower(p[start + k]) { return false }
            k += 1
        }
        return true
    }
}
