import VigilCore

/// Several warning lists compiled for fast checking of every ingested value.
///
/// Rules of `check(_:)`, per indicator type:
/// - IPv4 / IPv6 address: inside a listed network (the most specific one is reported).
///   An IPv4-mapped IPv6 address (`::ffff:10.1.2.3`) is checked as its IPv4 address
///   first, then as IPv6 (the IANA IPv6 list names `::ffff:0:0/96` as a whole).
/// - CIDR: inside a listed network, or containing one: blocking `8.0.0.0/8` would block
///   `8.8.8.8`, so both directions suppress. IPv4-mapped IPv6 networks (`/96` or longer
///   inside `::ffff:0:0/96`) are checked as IPv4 networks first.
/// - domain: an exact entry on the name, or a suffix entry on it or above it, at label
///   boundaries (`*.cloudflare.com` holds `cloudflare.com` and `a.cloudflare.com`,
///   never `notcloudflare.com`).
/// - domain suffix `*.name`: a suffix entry on it or above it, and also any entry on or
///   below `name`: blocking `*.com` would block `google.com`.
/// - URL: its host, as an address or a domain.
/// - e-mail address: its domain, only against lists with `WarningList.Options.emailDomains`.
/// - hashes and AS numbers: never suppressed.
///
/// Values are compared in canonical form (lower case, punycode), so list entries in any
/// case or in Unicode match. When a network or name is listed by more than one list, the
/// list given first is reported. At most 255 lists.
public struct WarningListSet: Sendable {
    /// The names of the lists compiled in, in order.
    public let listNames: [String]
    private let addresses: AddressTable
    private let names: NameTable
    private let emailNames: NameTable

    /// Compiles `lists` (their order decides which is reported for a value listed twice).
    public init(_ lists: [WarningList]) {
        precondition(lists.count <= 255, "at most 255 warning lists")
        listNames = lists.map(\.name)
        var v4: [(IPv4Network, WarningHit)] = []
        var v6: [(IPv6Network, WarningHit)] = []
        var names = NameTable()
        var emailNames = NameTable()
        var (nameCount, nameBytes) = (0, 0)
        for list in lists {
            for case .domain(let d) in list.entries { (nameCount, nameBytes) = (nameCount + 1, nameBytes + d.canonical.utf8.count) }
        }
        names.reserve(names: nameCount, bytes: nameBytes)
        for (number, list) in lists.enumerated() {
            let email = list.options.contains(.emailDomains)
            let exact: [NameTable.Kind] = list.options.contains(.wwwVariants) ? [.exact, .www] : [.exact]
            let suffix: [NameTable.Kind] = [.suffix]
            for entry in list.entries {
                switch entry {
                case .ipv4(let n): v4.append((n, WarningHit(list: list.name, matched: entry.description, relation: .equal)))
                case .ipv6(let n): v6.append((n, WarningHit(list: list.name, matched: entry.description, relation: .equal)))
                case .domain(let d), .domainSuffix(let d):
                    let kinds = if case .domain = entry { exact } else { suffix }
                    names.insert(d.canonical, kinds: kinds, list: number)
                    if email { emailNames.insert(d.canonical, kinds: kinds, list: number) }
                }
            }
        }
        addresses = AddressTable(v4: v4, v6: v6)
        self.names = names
        self.emailNames = emailNames
    }

    /// The warning list hit by `value`, or nil if it may be acted on. Reads what it needs
    /// straight from the canonical text and does not allocate unless it finds a hit.
    public func check(_ value: IndicatorValue) -> WarningHit? {
        switch value.type {
        case .md5, .sha1, .sha256, .asn:
            return nil
        case .ipv4, .ipv6, .cidr4, .cidr6, .domain, .domainSuffix, .url, .email:
            return withCanonicalBytes(value.canonical) { checkCanonical(value.type, $0) }
        }
    }

    /// The warning list hit by an already parsed value (same rules as `check(_:)`).
    public func check(_ parsed: ParsedIndicator) -> WarningHit? {
        switch parsed {
        case .ipv4(let a): addresses.match(a)
        case .ipv6(let a): check(a)
        case .cidr4(let n): addresses.match(n)
        case .cidr6(let n): check(n)
        case .domain(let d): withCanonicalBytes(d.canonical) { checkCanonical(.domain, $0) }
        case .domainSuffix(let d): withCanonicalBytes(d.canonical) { checkCanonical(.domainSuffix, $0) }
        case .url(let u): withCanonicalBytes(u.canonical) { checkCanonical(.url, $0) }
        case .email(let e): withCanonicalBytes(e.canonical) { checkCanonical(.email, $0) }
        case .hash, .asn: nil
        }
    }

    private func check(_ a: IPv6Address) -> WarningHit? {
        if let v4 = a.ipv4Mapped, let hit = addresses.match(v4) { return hit }
        return addresses.match(a)
    }

    private func check(_ n: IPv6Network) -> WarningHit? {
        if n.prefixLength >= 96, n.address.high == 0, n.address.low >> 32 == 0xFFFF,
           let v4 = IPv4Network(address: IPv4Address(UInt32(truncatingIfNeeded: n.address.low)),
                                prefixLength: n.prefixLength - 96),
           let hit = addresses.match(v4)
        {
            return hit
        }
        return addresses.match(n)
    }

    @inline(__always)
    private func checkCanonical(_ type: IndicatorType, _ p: UnsafeBufferPointer<UInt8>) -> WarningHit? {
        switch type {
        case .ipv4:
            guard let v = canonicalIPv4(p, 0, p.count) else { return nil }
            return addresses.match(IPv4Address(v))
        case .cidr4:
            guard let slash = p.lastIndex(of: 0x2F), let v = canonicalIPv4(p, 0, slash),
                  let length = canonicalPrefixLength(p, after: slash, p.count),
                  let n = IPv4Network(address: IPv4Address(v), prefixLength: length)
            else { return nil }
            return addresses.match(n)
        case .ipv6:
            // Most addresses are turned away by their first group alone (IPv4-mapped
            // ones start with `::`, group 0, which the IANA list always marks).
            if let g = canonicalIPv6FirstGroup(p, 0, p.count), !addresses.mayHold6(firstGroup: g) { return nil }
            guard let a = canonicalIPv6(p, 0, p.count) else { return nil }
            return check(a)
        case .cidr6:
            guard let slash = p.lastIndex(of: 0x2F), let length = canonicalPrefixLength(p, after: slash, p.count)
            else { return nil }
            if length >= 16, let g = canonicalIPv6FirstGroup(p, 0, slash), !addresses.mayHold6(firstGroup: g) {
                return nil
            }
            guard let a = canonicalIPv6(p, 0, slash), let n = IPv6Network(address: a, prefixLength: length)
            else { return nil }
            return check(n)
        case .domain:
            return nameHit(names, p, 0, p.count, asSuffix: false)
        case .domainSuffix:
            return nameHit(names, p, 0, p.count, asSuffix: true)
        case .url:
            guard let host = canonicalURLHost(p) else { return nil }
            switch host.kind {
            case .domain:
                return nameHit(names, p, host.start, host.end, asSuffix: false)
            case .ipv4:
                guard let v = canonicalIPv4(p, host.start, host.end) else { return nil }
                return addresses.match(IPv4Address(v))
            case .ipv6:
                if let g = canonicalIPv6FirstGroup(p, host.start, host.end), !addresses.mayHold6(firstGroup: g) {
                    return nil
                }
                guard let a = canonicalIPv6(p, host.start, host.end) else { return nil }
                return check(a)
            }
        case .email:
            guard !emailNames.isEmpty, let d = canonicalEmailDomainStart(p) else { return nil }
            return nameHit(emailNames, p, d, p.count, asSuffix: false)
        case .md5, .sha1, .sha256, .asn:
            return nil
        }
    }

    @inline(__always)
    private func nameHit(
        _ table: NameTable, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, asSuffix: Bool
    ) -> WarningHit? {
        guard let m = table.match(p, start, end, asSuffix: asSuffix) else { return nil }
        return WarningHit(list: listNames[table.list(of: m)], matched: table.text(of: m), relation: m.relation)
    }
}

/// Runs `body` over the UTF-8 bytes of `s` (no copy for native strings).
@inline(__always)
func withCanonicalBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
}
