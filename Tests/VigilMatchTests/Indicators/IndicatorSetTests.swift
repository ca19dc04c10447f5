import Testing
import VigilCore
import VigilMatch

@Suite("IndicatorSet: the compiled indicators")
struct IndicatorSetTests {
    /// A set of `entries` (name, type, value); hits are reported by the entry's name.
    private struct Named {
        var set: IndicatorSet
        var names: [IndicatorValue: String]
        func name(_ hit: IndicatorSet.Hit?) -> String? { hit.map { names[set.value(of: $0)] ?? "?" } }
    }

    private func set(_ entries: [(String, IndicatorType, String)]) throws -> Named {
        var builder = IndicatorSet.Builder()
        var names: [IndicatorValue: String] = [:]
        for (name, type, raw) in entries {
            let value = try IndicatorValue(parsing: raw, as: type)
            builder.add(value)
            names[value] = name
        }
        return Named(set: builder.build(), names: names)
    }

    private func domain(_ s: Named, _ name: String) -> String? {
        let bytes = Array(name.utf8)
        return s.name(bytes.withUnsafeBufferPointer { p in s.set.matchDomain(p, 0, p.count) })
    }

    private func address(_ s: Named, _ text: String) -> String? {
        let bytes = Array(text.utf8)
        return s.name(bytes.withUnsafeBufferPointer { p in
            if case .hit(let hit) = s.set.matchAddress(p, 0, p.count) { return hit }
            return nil
        })
    }

    @Test("domains: exact beats suffix, the longest suffix wins, label boundaries, any case, one trailing dot")
    func domains() throws {
        let s = try set([
            ("exact", .domain, "login.bank.example"), ("suffix", .domainSuffix, "bank.example"),
            ("deeper", .domainSuffix, "cdn.bank.example"), ("tld", .domainSuffix, "zip"),
        ])
        #expect(domain(s, "login.bank.example") == "exact")
        #expect(domain(s, "LOGIN.Bank.Example.") == "exact")
        #expect(domain(s, "bank.example") == "suffix")
        #expect(domain(s, "a.b.bank.example") == "suffix")
        #expect(domain(s, "x.cdn.bank.example") == "deeper")
        #expect(domain(s, "x.login.bank.example") == "suffix")
        #expect(domain(s, "mybank.example") == nil)
        #expect(domain(s, "bank.example.org") == nil)
        #expect(domain(s, "files.zip") == "tld")
        #expect(domain(s, "") == nil && domain(s, ".") == nil)
        #expect(s.set.count == 4)
    }

    @Test("addresses: longest prefix wins, v4 and v6, mapped v4, not-an-address told apart from a miss")
    func addresses() throws {
        let s = try set([
            ("wide", .cidr4, "10.0.0.0/8"), ("narrow", .cidr4, "10.1.2.0/24"), ("host", .ipv4, "10.1.2.3"),
            ("v6-48", .cidr6, "2001:db8:1::/48"), ("v6-host", .ipv6, "2001:db8:1::1"), ("v6-short", .cidr6, "3000::/4"),
        ])
        #expect(address(s, "10.1.2.3") == "host")
        #expect(address(s, "10.1.2.4") == "narrow")
        #expect(address(s, "10.200.0.1") == "wide")
        #expect(address(s, "11.0.0.1") == nil)
        #expect(address(s, "2001:db8:1::1") == "v6-host")
        #expect(address(s, "2001:DB8:1:ffff::9") == "v6-48")
        #expect(address(s, "3fff::1") == "v6-short")
        #expect(address(s, "::ffff:10.1.2.3") == "host")
        let bytes = Array("not.an.address".utf8)
        #expect(bytes.withUnsafeBufferPointer { s.set.matchAddress($0, 0, $0.count) } == .notAnAddress)
    }

    @Test("hits give back the indicator's type and canonical value")
    func values() throws {
        let s = try set([("a", .domain, "a.example"), ("b", .domainSuffix, "b.example"), ("n", .cidr4, "10.0.0.0/8"),
                         ("h", .ipv6, "2001:db8::1"), ("u", .url, "http://a.example/x")])
        let bytes = Array("x.b.example".utf8)
        let hit = try #require(bytes.withUnsafeBufferPointer { s.set.matchDomain($0, 0, $0.count) })
        #expect(s.set.value(of: hit) == IndicatorValue(trustedType: .domainSuffix, canonical: "b.example"))
        #expect(s.set.match(IPv4Address(10, 1, 2, 3)).map(s.set.value(of:)) == IndicatorValue(trustedType: .cidr4, canonical: "10.0.0.0/8"))
        #expect(s.set.match(try IPv6Address(parsing: "2001:db8::1")).map(s.set.value(of:))?.type == .ipv6)
        let url = try IndicatorValue(parsing: "http://a.example/x", as: .url)
        #expect(s.set.matchExact(url).map(s.set.value(of:)) == url)
        #expect(s.set.memoryBytes > 0)
    }

    @Test("random networks: the compiled tables agree with a plain scan of every network")
    func randomNetworksAgreeWithBruteForce() throws {
        var random = SplitMix64(seed: 7)
        var v4: [(IPv4Network, String)] = []
        var v6: [(IPv6Network, String)] = []
        var builder = IndicatorSet.Builder()
        for k in 0..<3000 {
            let length = [8, 12, 16, 20, 24, 28, 32][Int(random.next() % 7)]
            let network = IPv4Network(address: IPv4Address(UInt32(truncatingIfNeeded: random.next()) | 0x0A00_0000 & 0x0FFF_FFFF), prefixLength: length)!
            v4.append((network, "v4-\(k)"))
            builder.add(IndicatorValue(network))
            let length6 = [6, 32, 48, 56, 64, 96, 128][Int(random.next() % 7)]
            let network6 = IPv6Network(address: IPv6Address(high: 0x2001_0DB8_0000_0000 | random.next() & 0xFFFF_FFFF, low: random.next()), prefixLength: length6)!
            v6.append((network6, "v6-\(k)"))
            builder.add(IndicatorValue(network6))
        }
        let s = builder.build()
        for _ in 0..<5000 {
            // Half the probes are taken from inside a listed network, half at random.
            let pick = v4[Int(random.next() % UInt64(v4.count))].0
            let a = random.next() % 2 == 0 ? IPv4Address(pick.address.value | UInt32(truncatingIfNeeded: random.next()) & ~pick.mask)
                : IPv4Address(UInt32(truncatingIfNeeded: random.next()))
            let expected = v4.filter { $0.0.contains(a) }.max { $0.0.prefixLength < $1.0.prefixLength }
            let found = s.match(a).map(s.value(of:))
            // A /32 network is reported as the address it is.
            #expect(found == expected.map { $0.0.prefixLength == 32 ? IndicatorValue($0.0.address) : IndicatorValue($0.0) }, "\(a)")
            let pick6 = v6[Int(random.next() % UInt64(v6.count))].0
            let b = IPv6Address(high: pick6.address.high | (pick6.prefixLength < 64 ? random.next() >> UInt64(pick6.prefixLength) : 0),
                                low: pick6.prefixLength < 128 ? random.next() : pick6.address.low)
            let expected6 = v6.filter { $0.0.contains(b) }.max { $0.0.prefixLength < $1.0.prefixLength }
            #expect(s.match(b).map(s.value(of:))
                    == expected6.map { $0.0.prefixLength == 128 ? IndicatorValue($0.0.address) : IndicatorValue($0.0) }, "\(b)")
        }
    }
}
