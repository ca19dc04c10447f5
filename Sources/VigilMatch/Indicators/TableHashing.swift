// Small pieces every compiled table shares: FNV-1a steps, folding ASCII to lower case, and
// mapping a hash onto a table of any size (multiply-high, so tables need not be powers of two
// and can stay about three-quarters full).

let fnvBasis: UInt64 = 0xCBF2_9CE4_8422_2325

@inline(__always)
func fnvStep(_ h: UInt64, _ b: UInt8) -> UInt64 {
    (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
}

/// `b` with `A`…`Z` folded to `a`…`z`.
@inline(__always)
func asciiLower(_ b: UInt8) -> UInt8 {
    b &- 0x41 < 26 ? b | 0x20 : b
}

/// Mixes `key` (an address, a masked prefix) into a well-spread 64-bit hash.
@inline(__always)
func mixHash(_ key: UInt64) -> UInt64 {
    var x = key &* 0x9E37_79B9_7F4A_7C15
    x ^= x >> 29
    x = x &* 0xBF58_476D_1CE4_E5B9
    return x ^ (x >> 32)
}

/// The slot `hash` maps to in a table of `capacity` slots.
@inline(__always)
func slotIndex(_ hash: UInt64, _ capacity: Int) -> Int {
    Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(capacity)).high)
}

/// A table size that keeps `count` entries at most three-quarters full.
func tableCapacity(for count: Int) -> Int {
    max(8, count + count / 3 + 1)
}
