import VigilCore

/// IPv6 addresses and networks, longest-prefix matched: one open-addressing table keyed by
/// (masked address, length), probed once per length in use, longest first. A bit per /24
/// block that some network overlaps turns most misses away before any probe (networks shorter
/// than /8 switch the filter off).
struct PrefixTable6: Sendable {
    private struct Slot: Sendable {
        var high: UInt64 = 0
        var low: UInt64 = 0
        /// 255: empty.
        var length: UInt8 = 255
    }

    private var pending: [IPv6Network] = []
    private var slots: [Slot] = []
    private var lengths: [UInt8] = []
    private var top24: [UInt64] = []
    private var filtered = true

    /// Number of networks added.
    private(set) var count = 0

    /// Bytes held.
    var memoryBytes: Int { slots.capacity * MemoryLayout<Slot>.stride + top24.capacity * 8 }

    /// Adds a network.
    mutating func append(_ network: IPv6Network) {
        pending.append(network)
        count += 1
    }

    /// Builds the table and filter. For a network listed twice the first entry wins.
    mutating func seal() {
        guard !pending.isEmpty else { return }
        let capacity = tableCapacity(for: pending.count)
        slots = [Slot](repeating: Slot(), count: capacity)
        top24 = [UInt64](repeating: 0, count: 1 << 18)
        var used = Set<UInt8>()
        for network in pending {
            let length = UInt8(network.prefixLength)
            let (high, low) = (network.address.high, network.address.low)
            var slot = slotIndex(Self.hash(high, low, length), capacity)
            var duplicate = false
            while slots[slot].length != 255 {
                let s = slots[slot]
                if s.length == length && s.high == high && s.low == low {
                    duplicate = true
                    break
                }
                slot = slot + 1 == capacity ? 0 : slot + 1
            }
            if duplicate { continue }
            slots[slot] = Slot(high: high, low: low, length: length)
            used.insert(length)
            if length < 8 {
                filtered = false
            } else {
                let first = Int(high >> 40)
                let span = length >= 24 ? 1 : 1 << (24 - Int(length))
                for block in first..<(first + span) { top24[block >> 6] |= 1 << UInt64(block & 63) }
            }
        }
        lengths = used.sorted(by: >)
        pending = []
    }

    /// The most specific network holding `address`, as its slot (see `network(at:)`).
    @inline(__always)
    func match(_ address: IPv6Address) -> Int? {
        if slots.isEmpty { return nil }
        if filtered {
            let block = Int(address.high >> 40)
            if top24.withUnsafeBufferPointer({ $0[block >> 6] }) & (1 << UInt64(block & 63)) == 0 { return nil }
        }
        return slots.withUnsafeBufferPointer { table in
            for length in lengths {
                let (high, low) = Self.masked(address.high, address.low, Int(length))
                if let slot = Self.probe(high, low, length, table) { return slot }
            }
            return nil
        }
    }

    /// The slot holding exactly `network`, if it was added.
    func slot(of network: IPv6Network) -> Int? {
        slots.isEmpty ? nil : slots.withUnsafeBufferPointer {
            Self.probe(network.address.high, network.address.low, UInt8(network.prefixLength), $0)
        }
    }

    /// Number of slots: slot numbers are below it.
    var slotCount: Int { slots.count }

    @inline(__always)
    private static func probe(_ high: UInt64, _ low: UInt64, _ length: UInt8, _ table: UnsafeBufferPointer<Slot>) -> Int? {
        let capacity = table.count
        var slot = slotIndex(hash(high, low, length), capacity)
        while table[slot].length != 255 {
            let s = table[slot]
            if s.length == length && s.high == high && s.low == low { return slot }
            slot = slot + 1 == capacity ? 0 : slot + 1
        }
        return nil
    }

    /// The network in slot `slot`.
    func network(at slot: Int) -> IPv6Network {
        let s = slots[slot]
        return IPv6Network(address: IPv6Address(high: s.high, low: s.low), prefixLength: Int(s.length))!
    }

    @inline(__always)
    private static func hash(_ high: UInt64, _ low: UInt64, _ length: UInt8) -> UInt64 {
        mixHash(high ^ mixHash(low ^ UInt64(length)))
    }

    @inline(__always)
    private static func masked(_ high: UInt64, _ low: UInt64, _ length: Int) -> (UInt64, UInt64) {
        if length >= 128 { return (high, low) }
        if length >= 64 { return (high, length == 64 ? 0 : low & ~UInt64(0) << UInt64(128 - length)) }
        return (length == 0 ? 0 : high & ~UInt64(0) << UInt64(64 - length), 0)
    }
}
