/// Indicator ids held compactly: a lower-case UUID (what `Secrets.newID` makes) as its 16
/// bytes, anything else as text on the side. A compiled set holds a million of them, so 16
/// bytes instead of a 36-character `String` each is most of its memory saved.
struct IndicatorIDList: Sendable {
    private var words: [UInt64] = []
    private var others: [Int: String] = [:]

    /// Number of ids.
    var count: Int { words.count / 2 }

    /// Bytes held (approximately, for the memory report).
    var memoryBytes: Int { words.capacity * 8 + others.count * 64 }

    mutating func reserve(_ n: Int) { words.reserveCapacity(n * 2) }

    /// Gives back the slack of growing by doubling (a compiled set lives long).
    mutating func shrink() {
        if words.capacity > words.count + words.count / 8 { words = words.withUnsafeBufferPointer { Array($0) } }
    }

    /// Appends `id`; its index is the count before the call.
    mutating func append(_ id: String) {
        if let (high, low) = Self.uuidWords(id) {
            words.append(high)
            words.append(low)
        } else {
            others[count] = id
            words.append(0)
            words.append(0)
        }
    }

    subscript(index: Int) -> String {
        if let other = others[index] { return other }
        return Self.uuidText(words[2 * index], words[2 * index + 1])
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The two words of a lower-case `8-4-4-4-12` UUID, or nil.
    private static func uuidWords(_ id: String) -> (UInt64, UInt64)? {
        var id = id
        id.makeContiguousUTF8()
        return id.utf8.withContiguousStorageIfAvailable { p -> (UInt64, UInt64)? in
            guard p.count == 36 else { return nil }
            var high: UInt64 = 0, low: UInt64 = 0, nibbles = 0
            for (i, b) in p.enumerated() {
                if i == 8 || i == 13 || i == 18 || i == 23 {
                    if b != 0x2D { return nil }
                    continue
                }
                let v: UInt8
                if b &- 0x30 < 10 { v = b &- 0x30 } else if b &- 0x61 < 6 { v = b &- 0x61 + 10 } else { return nil }
                if nibbles < 16 { high = high << 4 | UInt64(v) } else { low = low << 4 | UInt64(v) }
                nibbles += 1
            }
            return (high, low)
        } ?? nil
    }

    private static func uuidText(_ high: UInt64, _ low: UInt64) -> String {
        String(unsafeUninitializedCapacity: 36) { out in
            var k = 0
            for nibble in 0..<32 {
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    out[k] = 0x2D
                    k += 1
                }
                let word = nibble < 16 ? high : low
                let shift = UInt64(60 - 4 * (nibble % 16))
                out[k] = hexDigits[Int((word >> shift) & 0xF)]
                k += 1
            }
            return 36
        }
    }
}
