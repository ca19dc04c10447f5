/// The domain side of a compiled `WarningListSet`: canonical names in one open-addressing
/// hash table keyed by their bytes, so a lookup never builds a `String`.
///
/// Every name's ancestors (`example.com` and `com` for `www.example.com`) are in the
/// table too, marked with a name below them. That gives two things: a lookup walks the
/// label suffixes of a value from the right and stops at the first suffix the table does
/// not know (most values stop after one or two probes), and a suffix indicator `*.com`
/// learns in one probe that a listed name lies below it.
///
/// Hashes are FNV-1a over the bytes taken right to left, so the walk gets the hash of
/// every label suffix of a value from one pass over it.
struct NameTable: Sendable {
    /// What an entry on a name says.
    enum Kind: Sendable {
        /// The name exactly.
        case exact
        /// `www.` + the name, exactly (lists with `wwwVariants`).
        case www
        /// The name and everything below it.
        case suffix
    }

    /// A matched entry: the name's index, the kind of entry, and the relation.
    struct Match {
        var name: Int
        var kind: Kind
        var relation: WarningHit.Relation
    }

    /// One name. The list fields hold the list number + 1 (0: no such entry).
    struct Name: Sendable {
        var offset: UInt32
        var length: UInt8
        var exact: UInt8 = 0
        var www: UInt8 = 0
        var suffix: UInt8 = 0
        /// The index of a name at or below this one that carries an entry, or -1.
        var below: Int32 = -1
    }

    private var bytes: [UInt8] = []
    private var names: [Name] = []
    /// 0 for an empty slot, else the hash's high 32 bits above the name index + 1.
    private var slots: [UInt64] = []
    private var shift: UInt64 = 64

    /// Whether no name is held.
    var isEmpty: Bool { names.isEmpty }

    /// Reserves room for about `names` names of `bytes` bytes in all.
    mutating func reserve(names count: Int, bytes total: Int) {
        names.reserveCapacity(count)
        bytes.reserveCapacity(total)
        var capacity = 16
        while capacity < count * 2 { capacity *= 2 }
        if capacity > slots.count { rehash(capacity) }
    }

    /// Adds entries of the given kinds for the canonical `name` from list number `list`
    /// (0…254). An entry already present for the same name and kind is kept (the
    /// earlier list wins).
    mutating func insert(_ name: String, kinds: [Kind], list: Int) {
        precondition(list >= 0 && list < 255, "at most 255 warning lists")
        withCanonicalBytes(name) { key in
            guard !key.isEmpty, key.count <= 255 else { return }
            let index = findOrAdd(key, 0)
            let tag = UInt8(list + 1)
            for kind in kinds {
                switch kind {
                case .exact: if names[index].exact == 0 { names[index].exact = tag }
                case .www: if names[index].www == 0 { names[index].www = tag }
                case .suffix: if names[index].suffix == 0 { names[index].suffix = tag }
                }
            }
            for i in 0..<key.count where key[i] == 0x2E {
                let ancestor = findOrAdd(key, i + 1)
                if names[ancestor].below >= 0 { break }  // and so are all its ancestors
                names[ancestor].below = Int32(index)
            }
        }
    }

    /// The number of the list the matched entry came from.
    func list(of match: Match) -> Int {
        let n = names[match.name]
        switch match.kind {
        case .exact: return Int(n.exact) - 1
        case .www: return Int(n.www) - 1
        case .suffix: return Int(n.suffix) - 1
        }
    }

    /// The entry's text form: `name`, `www.name` or `*.name`.
    func text(of match: Match) -> String {
        let n = names[match.name]
        let name = String(decoding: bytes[Int(n.offset)..<(Int(n.offset) + Int(n.length))], as: UTF8.self)
        switch match.kind {
        case .exact: return name
        case .www: return "www." + name
        case .suffix: return "*." + name
        }
    }

    /// Matches the canonical name in `p[start..<end]`.
    ///
    /// As a domain (`asSuffix` false): an exact entry on the name (or a `www` entry on its
    /// parent when the first label is `www`), else the most specific suffix entry at or
    /// above it. As a suffix indicator: a suffix entry on the name (equal), else the most
    /// specific one above it (within), else any entry on or below the name (covers).
    @inline(__always)
    func match(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, asSuffix: Bool) -> Match? {
        if slots.isEmpty || end <= start { return nil }
        return bytes.withUnsafeBufferPointer { kb in
            names.withUnsafeBufferPointer { nb in
                slots.withUnsafeBufferPointer { sb in
                    walk(p, start, end, asSuffix: asSuffix, kb, nb, sb)
                }
            }
        }
    }

    private func walk(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, asSuffix: Bool,
        _ kb: UnsafeBufferPointer<UInt8>, _ nb: UnsafeBufferPointer<Name>, _ sb: UnsafeBufferPointer<UInt64>
    ) -> Match? {
        var h = fnvBasis
        var best: Match?
        var parent = -1
        var firstDot = -1
        var i = end
        while i > start {
            i -= 1
            let b = p[i]
            if b == 0x2E {
                guard let n = find(h, p, i + 1, end, kb, nb, sb) else { return best }
                if nb[n].suffix != 0 { best = Match(name: n, kind: .suffix, relation: .within) }
                parent = n
                firstDot = i
            }
            h = fnvStep(h, b)
        }
        let www = parent >= 0 && firstDot - start == 3 && p[start] == 0x77 && p[start + 1] == 0x77
            && p[start + 2] == 0x77 && nb[parent].www != 0
        let full = find(h, p, start, end, kb, nb, sb)
        if !asSuffix {
            if let f = full, nb[f].exact != 0 { return Match(name: f, kind: .exact, relation: .equal) }
            if www { return Match(name: parent, kind: .www, relation: .equal) }
            if let f = full, nb[f].suffix != 0 { return Match(name: f, kind: .suffix, relation: .within) }
            return best
        }
        if let f = full, nb[f].suffix != 0 { return Match(name: f, kind: .suffix, relation: .equal) }
        if let best { return best }
        if let f = full, nb[f].exact != 0 { return Match(name: f, kind: .exact, relation: .covers) }
        if www { return Match(name: parent, kind: .www, relation: .covers) }
        guard let f = full else { return nil }
        if nb[f].www != 0 { return Match(name: f, kind: .www, relation: .covers) }
        let d = Int(nb[f].below)
        if d < 0 { return nil }
        let kind: Kind = nb[d].exact != 0 ? .exact : nb[d].www != 0 ? .www : .suffix
        return Match(name: d, kind: kind, relation: .covers)
    }

    /// The index of the name `p[start..<end]` whose reversed hash is `h`.
    @inline(__always)
    private func find(
        _ h: UInt64, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        _ kb: UnsafeBufferPointer<UInt8>, _ nb: UnsafeBufferPointer<Name>, _ sb: UnsafeBufferPointer<UInt64>
    ) -> Int? {
        let mask = sb.count - 1
        let tag = h >> 32
        let length = end - start
        var slot = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let s = sb[slot]
            if s == 0 { return nil }
            if s >> 32 == tag {
                let index = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                let n = nb[index]
                if Int(n.length) == length
                    && memoryEqual(kb.baseAddress! + Int(n.offset), p.baseAddress! + start, length)
                {
                    return index
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The index of the name `key[start...]`, added (without entries) if it is new.
    private mutating func findOrAdd(_ key: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        let h = reversedHash(UnsafeBufferPointer(rebasing: key[start...]))
        if !slots.isEmpty {
            let found = bytes.withUnsafeBufferPointer { kb in
                names.withUnsafeBufferPointer { nb in
                    slots.withUnsafeBufferPointer { sb in find(h, key, start, key.count, kb, nb, sb) }
                }
            }
            if let found { return found }
        }
        if (names.count + 1) * 2 > slots.count { rehash(max(16, slots.count * 2)) }
        let index = names.count
        precondition(index < Int(Int32.max) - 1 && bytes.count + key.count < Int(UInt32.max))
        names.append(Name(offset: UInt32(bytes.count), length: UInt8(key.count - start)))
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: key[start...]))
        place(h, index)
        return index
    }

    private mutating func place(_ h: UInt64, _ index: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = (h >> 32) << 32 | UInt64(index + 1)
    }

    private mutating func rehash(_ capacity: Int) {
        slots = [UInt64](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let hashes = bytes.withUnsafeBufferPointer { kb in
            names.map { n in reversedHash(UnsafeBufferPointer(rebasing: kb[Int(n.offset)..<(Int(n.offset) + Int(n.length))])) }
        }
        for (index, h) in hashes.enumerated() { place(h, index) }
    }
}

/// FNV-1a of the bytes from last to first.
private func reversedHash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h = fnvBasis
    var i = key.count
    while i > 0 {
        i -= 1
        h = fnvStep(h, key[i])
    }
    return h
}

@inline(__always)
private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
