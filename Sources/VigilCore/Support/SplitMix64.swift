/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seeded generator, so that demo and
/// benchmark data are exactly the same on every run and every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<n`.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A random element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `count` random bytes as lower-case hex.
    public mutating func hex(bytes count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for _ in 0..<count {
            let byte = Int(next() & 0xff)
            text.append(digits[byte >> 4])
            text.append(digits[byte & 0xf])
        }
        return text
    }
}
