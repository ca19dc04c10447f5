/// Many short byte strings (relative wire names) in one buffer: a zone of a million owners is
/// two arrays, not a million.
public struct PackedNames: Sendable, Equatable {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    /// An empty set.
    public init() {}

    /// The number of names.
    public var count: Int { ends.count }

    /// Name `index`.
    public subscript(index: Int) -> ArraySlice<UInt8> {
        bytes[start(of: index)..<Int(ends[index])]
    }

    /// Appends a name.
    public mutating func append(_ name: some Collection<UInt8>) {
        bytes.append(contentsOf: name)
        ends.append(UInt32(bytes.count))
    }

    /// The names in byte order, each once.
    public func sortedUnique() -> PackedNames {
        var order = Array(0..<count)
        bytes.withUnsafeBufferPointer { buffer in
            order.sort { Self.compare(buffer, range(of: $0), range(of: $1)) < 0 }
        }
        var sorted = PackedNames()
        sorted.bytes.reserveCapacity(bytes.count)
        sorted.ends.reserveCapacity(count)
        for index in order where sorted.count == 0 || sorted[sorted.count - 1] != self[index] {
            sorted.append(self[index])
        }
        return sorted
    }

    /// The names of `self` not in `other` and those of `other` not in `self`; both must be sorted.
    public func difference(to other: PackedNames) -> (removed: PackedNames, added: PackedNames) {
        var removed = PackedNames()
        var added = PackedNames()
        var left = 0
        var right = 0
        bytes.withUnsafeBufferPointer { mine in
            other.bytes.withUnsafeBufferPointer { theirs in
                while left < count || right < other.count {
                    let order: Int
                    if left == count { order = 1 } else if right == other.count { order = -1 } else {
                        order = Self.compare(mine, range(of: left), theirs, other.range(of: right))
                    }
                    if order < 0 {
                        removed.append(self[left])
                        left += 1
                    } else if order > 0 {
                        added.append(other[right])
                        right += 1
                    } else {
                        left += 1
                        right += 1
                    }
                }
            }
        }
        return (removed, added)
    }

    private func start(of index: Int) -> Int { index == 0 ? 0 : Int(ends[index - 1]) }
    private func range(of index: Int) -> Range<Int> { start(of: index)..<Int(ends[index]) }

    private static func compare(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        compare(buffer, a, buffer, b)
    }

    private static func compare(
        _ left: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ right: UnsafeBufferPointer<UInt8>, _ b: Range<Int>
    ) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common {
            let x = left[a.lowerBound + index]
            let y = right[b.lowerBound + index]
            if x != y { return x < y ? -1 : 1 }
            index += 1
        }
        return a.count - b.count
    }
}
