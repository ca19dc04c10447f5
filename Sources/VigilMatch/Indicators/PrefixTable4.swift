import VigilCore

/// IPv4 addresses and networks, longest-prefix matched: one open-addressing table keyed by
/// (masked address, length), probed once per prefix length that can hold the address.
///
/// Two filters decide which lengths those are, so a miss (99 % of a flow log) costs one or two
/// memory reads and no probe: a bit per /24 block holding a network of length 24 or more, and
/// per /16 block the set of shorter lengths that have a network overlapping it.
struct PrefixTable4: Sendable {
    private var pending: [(key: UInt32, length: UInt8)] = []
    /// 0: empty; else 1 << 63 | masked address << 8 | length.
    private var keys: [UInt64] = []
    private var longLengths: [UInt8] = []
    /// One bit per /24 holding a network of length ≥ 24.
    private var long24: [UInt64] = []
    /// Per /16: bit L set when a network of length L < 24 overlaps it.
    private var shortBy16: [UInt32] = []

    /// Number of networks added.
    private(set) var count = 0

    /// Bytes held.
    var memoryBytes: Int { keys.capacity * 8 + long24.capacity * 8 + shortBy16.capacity * 4 }

    /// Adds a network.
    mutating func append(_ network: IPv4Network) {
        pending.append((network.address.value, UInt8(network.prefixLength)))
        count += 1
    }

    /// Builds the table and filters. For a network listed twice the first entry wins.
    mutating func seal() {
        guard !pending.isEmpty else { return }
        let capacity = tableCapacity(for: pending.count)
        keys = [UInt64](repeating: 0, count: capacity)
        long24 = [UInt64](repeating: 0, count: 1 << 18)
        shortBy16 = [UInt32](repeating: 0, count: 1 << 16)
        var lengths = Set<UInt8>()
        for network in pending {
            let key = 1 << 63 | UInt64(network.key) << 8 | UInt64(network.length)
            var slot = slotIndex(mixHash(key), capacity)
            while keys[slot] != 0 && keys[slot] != key { slot = slot + 1 == capacity ? 0 : slot + 1 }
            if keys[slot] == key { continue }
            keys[slot] = key
            if network.length >= 24 {
                lengths.insert(network.length)
                let block = Int(network.key >> 8)
                long24[block >> 6] |= 1 << UInt64(block & 63)
            } else {
                let first = Int(network.key >> 16)
                let span = network.length >= 16 ? 1 : 1 << (16 - Int(network.length))
                for block in first..<(first + span) { shortBy16[block] |= 1 << UInt32(network.length) }
            }
        }
        longLengths = lengths.sorted(by: >)
        pending = []
    }

    /// The most specific network holding `address`, as its slot (see `network(at:)`).
    @inline(__always)
    func match(_ address: UInt32) -> Int? {
        if keys.isEmpty { return nil }
        return keys.withUnsafeBufferPointer { table in
            let block = Int(address >> 8)
            if long24.withUnsafeBufferPointer({ $0[block >> 6] }) & (1 << UInt64(block & 63)) != 0 {
                for length in longLengths {
                    if let slot = probe(address, length, table) { return slot }
                }
            }
            var lengths = shortBy16.withUnsafeBufferPointer { $0[Int(address >> 16)] }
            while lengths != 0 {
                let length = UInt8(31 - lengths.leadingZeroBitCount)
                if let slot = probe(address, length, table) { return slot }
                lengths &= ~(1 << UInt32(length))
            }
            return nil
        }
    }

    /// The slot holding exactly `network`, if it was added.
    func slot(of network: IPv4Network) -> Int? {
        keys.isEmpty ? nil : keys.withUnsafeBufferPointer { probe(network.address.value, UInt8(network.prefixLength), $0) }
    }

    /// Number of slots: slot numbers are below it.
    var slotCount: Int { keys.count }

    /// The network in slot `slot`.
    func network(at slot: Int) -> IPv4Network {
        let key = keys[slot]
        return IPv4Network(address: IPv4Address(UInt32(truncatingIfNeeded: key >> 8)), prefixLength: Int(key & 0xFF))!
    }

    @inline(__always)
    private func probe(_ address: UInt32, _ length: UInt8, _ table: UnsafeBufferPointer<UInt64>) -> Int? {
        let masked = length == 0 ? 0 : address & ~UInt32(0) << UInt32(32 - length)
        let key = 1 << 63 | UInt64(masked) << 8 | UInt64(length)
        let capacity = table.count
        var slot = slotIndex(mixHash(key), capacity)
        while true {
            let k = table[slot]
            if k == key { return slot }
            if k == 0 { return nil }
            slot = slot + 1 == capacity ? 0 : slot + 1
        }
    }
}
