import VigilCore

/// Longest-prefix match over IPv4 and IPv6 networks, each carrying a value (a list name, an indicator id…).
///
/// One hash table per prefix length in use: a lookup masks the address at each length, longest
/// first, so it costs at most as many probes as there are distinct lengths (a handful in practice).
public struct PrefixMap<Value: Sendable>: Sendable {
    private var v4: [Int: [UInt32: Value]] = [:]
    private var v4Lengths: [Int] = []
    private var v6: [Int: [IPv6Key: Value]] = [:]
    private var v6Lengths: [Int] = []

    /// An empty map.
    public init() {}

    /// Number of networks held.
    public var count: Int { v4.values.reduce(0) { $0 + $1.count } + v6.values.reduce(0) { $0 + $1.count } }

    /// Adds (or replaces) a network.
    public mutating func insert(_ network: IPv4Network, _ value: Value) {
        if v4[network.prefixLength] == nil {
            v4Lengths.append(network.prefixLength)
            v4Lengths.sort(by: >)
        }
        v4[network.prefixLength, default: [:]][network.address.value] = value
    }

    /// Adds (or replaces) a network.
    public mutating func insert(_ network: IPv6Network, _ value: Value) {
        if v6[network.prefixLength] == nil {
            v6Lengths.append(network.prefixLength)
            v6Lengths.sort(by: >)
        }
        v6[network.prefixLength, default: [:]][IPv6Key(network.address)] = value
    }

    /// The most specific network containing `address`, with its value.
    public func longestMatch(_ address: IPv4Address) -> (network: IPv4Network, value: Value)? {
        for length in v4Lengths {
            let network = IPv4Network(address: address, prefixLength: length)!
            if let value = v4[length]?[network.address.value] { return (network, value) }
        }
        return nil
    }

    /// The most specific network containing `address`, with its value.
    public func longestMatch(_ address: IPv6Address) -> (network: IPv6Network, value: Value)? {
        for length in v6Lengths {
            let network = IPv6Network(address: address, prefixLength: length)!
            if let value = v6[length]?[IPv6Key(network.address)] { return (network, value) }
        }
        return nil
    }

    /// The most specific network that contains all of `network` (itself included).
    public func longestMatch(_ network: IPv4Network) -> (network: IPv4Network, value: Value)? {
        for length in v4Lengths where length <= network.prefixLength {
            let candidate = IPv4Network(address: network.address, prefixLength: length)!
            if let value = v4[length]?[candidate.address.value] { return (candidate, value) }
        }
        return nil
    }

    /// The most specific network that contains all of `network` (itself included).
    public func longestMatch(_ network: IPv6Network) -> (network: IPv6Network, value: Value)? {
        for length in v6Lengths where length <= network.prefixLength {
            let candidate = IPv6Network(address: network.address, prefixLength: length)!
            if let value = v6[length]?[IPv6Key(candidate.address)] { return (candidate, value) }
        }
        return nil
    }
}

/// An IPv6 address as a hashable pair of words.
struct IPv6Key: Hashable, Sendable {
    let high: UInt64
    let low: UInt64

    init(_ address: IPv6Address) {
        high = address.high
        low = address.low
    }
}
