import VigilCore

/// The address side of a compiled `WarningListSet`.
///
/// - "Inside a listed network" is a longest-prefix match in a `PrefixMap`.
/// - "Contains a listed network" is a binary search in the listed networks sorted by
///   first address: a network contains a listed one that is no wider exactly when a
///   listed first address falls in its range.
/// - Before either, a 65,536-bit filter per family (one bit per first 16 bits of an
///   address that some listed network overlaps) turns most addresses away with one
///   memory access; neither lookup allocates.
struct AddressTable: Sendable {
    private var map4 = PrefixMap<WarningHit>()
    private var map6 = PrefixMap<WarningHit>()
    private var filter4 = [UInt64](repeating: 0, count: 1024)
    private var filter6 = [UInt64](repeating: 0, count: 1024)
    private var starts4: [UInt32] = []
    private var hits4: [WarningHit] = []
    private var starts6: [IPv6Address] = []
    private var hits6: [WarningHit] = []

    /// Builds the table. For a network listed more than once the first hit is kept.
    init(v4: [(IPv4Network, WarningHit)], v6: [(IPv6Network, WarningHit)]) {
        var sorted4: [(UInt32, Int)] = []
        for (order, (network, hit)) in v4.enumerated() {
            if let present = map4.longestMatch(network), present.network == network { continue }
            map4.insert(network, hit)
            sorted4.append((network.address.value, order))
            Self.mark(&filter4, first: network.address.value >> 16, prefixLength: network.prefixLength)
        }
        sorted4.sort { $0 < $1 }
        starts4 = sorted4.map(\.0)
        hits4 = sorted4.map { v4[$0.1].1 }

        var sorted6: [(IPv6Address, Int)] = []
        for (order, (network, hit)) in v6.enumerated() {
            if let present = map6.longestMatch(network), present.network == network { continue }
            map6.insert(network, hit)
            sorted6.append((network.address, order))
            Self.mark(&filter6, first: UInt32(network.address.high >> 48), prefixLength: network.prefixLength)
        }
        sorted6.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        starts6 = sorted6.map(\.0)
        hits6 = sorted6.map { v6[$0.1].1 }
    }

    /// Sets the filter bits of every 16-bit prefix the network overlaps.
    private static func mark(_ filter: inout [UInt64], first: UInt32, prefixLength: Int) {
        let span = prefixLength >= 16 ? 1 : 1 << (16 - prefixLength)
        for k in Int(first)..<(Int(first) + span) { filter[k >> 6] |= 1 << UInt64(k & 63) }
    }

    @inline(__always)
    private static func test(_ filter: [UInt64], _ k: UInt32) -> Bool {
        filter.withUnsafeBufferPointer { $0[Int(k >> 6)] & (1 << UInt64(k & 63)) != 0 }
    }

    /// False when no listed IPv6 network overlaps addresses whose first 16 bits are
    /// `group`: then no address or network of 16 bits or longer there can hit.
    @inline(__always)
    func mayHold6(firstGroup group: UInt32) -> Bool { Self.test(filter6, group) }

    /// The most specific listed network holding `a`.
    @inline(__always)
    func match(_ a: IPv4Address) -> WarningHit? {
        guard Self.test(filter4, a.value >> 16), let m = map4.longestMatch(a) else { return nil }
        return m.value.with(m.network.prefixLength == 32 ? .equal : .within)
    }

    /// The most specific listed network holding `a`.
    @inline(__always)
    func match(_ a: IPv6Address) -> WarningHit? {
        guard Self.test(filter6, UInt32(a.high >> 48)), let m = map6.longestMatch(a) else { return nil }
        return m.value.with(m.network.prefixLength == 128 ? .equal : .within)
    }

    /// The most specific listed network holding all of `n`, else the first listed
    /// network inside `n`.
    func match(_ n: IPv4Network) -> WarningHit? {
        if n.prefixLength >= 16 && !Self.test(filter4, n.address.value >> 16) { return nil }
        if let m = map4.longestMatch(n) {
            return m.value.with(m.network.prefixLength == n.prefixLength ? .equal : .within)
        }
        let first = n.address.value
        var lo = 0, hi = starts4.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if starts4[mid] < first { lo = mid + 1 } else { hi = mid }
        }
        return lo < starts4.count && starts4[lo] <= n.lastAddress.value ? hits4[lo].with(.covers) : nil
    }

    /// The most specific listed network holding all of `n`, else the first listed
    /// network inside `n`.
    func match(_ n: IPv6Network) -> WarningHit? {
        if n.prefixLength >= 16 && !Self.test(filter6, UInt32(n.address.high >> 48)) { return nil }
        if let m = map6.longestMatch(n) {
            return m.value.with(m.network.prefixLength == n.prefixLength ? .equal : .within)
        }
        let first = n.address
        var lo = 0, hi = starts6.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if starts6[mid] < first { lo = mid + 1 } else { hi = mid }
        }
        return lo < starts6.count && !(n.lastAddress < starts6[lo]) ? hits6[lo].with(.covers) : nil
    }
}
