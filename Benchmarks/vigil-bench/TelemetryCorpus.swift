import Foundation
import VigilCore
import VigilMatch

/// The match benchmark's data, made deterministically from a seed: indicators in the proportions
/// of the issue (1,000,000 domains : 200,000 IPv4 : 50,000 IPv6 prefixes) and a log of every
/// telemetry format with about 1 % deliberate hits (mixed-case names, v4 and v6 flows); random
/// addresses add about as many again by falling into listed networks.
struct TelemetryCorpus {
    /// Domain indicators (exact and with subdomains) and prefixes, as `IndicatorValue`s.
    var domains: [IndicatorValue] = []
    var prefixes4: [IPv4Network] = []
    var prefixes6: [IPv6Network] = []
    private var random: SplitMix64

    /// All indicators, as the store would hand them over.
    var values: [IndicatorValue] {
        domains + prefixes4.map { $0.prefixLength == 32 ? IndicatorValue($0.address) : IndicatorValue($0) }
            + prefixes6.map { $0.prefixLength == 128 ? IndicatorValue($0.address) : IndicatorValue($0) }
    }

    private static let tlds = ["com", "net", "org", "info", "biz", "xyz", "top", "ru", "cn", "io", "de", "pl"]

    /// `indicatorCount` indicators (80 % domains, 16 % IPv4, 4 % IPv6 prefixes).
    init(indicatorCount: Int, seed: UInt64) {
        random = SplitMix64(seed: seed)
        let domainCount = indicatorCount * 4 / 5, v4Count = indicatorCount * 4 / 25
        let v6Count = max(1, indicatorCount - domainCount - v4Count)
        domains.reserveCapacity(domainCount)
        for k in 0..<domainCount {
            let name = randomName(labels: k % 4 == 0 ? 3 : 2)
            domains.append(IndicatorValue(trustedType: k % 10 == 0 ? .domainSuffix : .domain, canonical: name))
        }
        for _ in 0..<v4Count {
            let roll = random.below(100)
            let length = roll < 60 ? 32 : roll < 95 ? 24 : 20 + random.below(4)
            prefixes4.append(IPv4Network(address: randomPublic4(), prefixLength: length)!)
        }
        for _ in 0..<v6Count {
            let roll = random.below(100)
            let length = roll < 50 ? 48 : roll < 80 ? 64 : 128
            prefixes6.append(IPv6Network(address: randomPublic6(), prefixLength: length)!)
        }
    }

    private mutating func label() -> String {
        "h" + String(random.next() & 0xFF_FFFF_FFFF, radix: 36)
    }

    private mutating func randomName(labels: Int) -> String {
        (1..<labels).map { _ in label() }.joined(separator: ".") + "." + Self.tlds[random.below(Self.tlds.count)]
    }

    /// 1.0.0.0–223.255.255.255 without 10/8 (the clients) and 127/8.
    private mutating func randomPublic4() -> IPv4Address {
        while true {
            let v = UInt32(truncatingIfNeeded: random.next())
            let first = v >> 24
            if first >= 1 && first < 224 && first != 10 && first != 127 { return IPv4Address(v) }
        }
    }

    /// In 2000::/3.
    private mutating func randomPublic6() -> IPv6Address {
        IPv6Address(high: 0x2000_0000_0000_0000 | random.next() >> 3, low: random.next())
    }

    /// A name that hits (1 % of lines) or a random one, mixed case now and then.
    private mutating func queryName(hit: Bool) -> String {
        var name: String
        if hit {
            let value = domains[random.below(domains.count)]
            name = value.type == .domainSuffix ? label() + "." + value.canonical : value.canonical
        } else {
            name = random.below(3) == 0 ? "www." + randomName(labels: 2) : randomName(labels: 2 + random.below(2))
        }
        if random.below(4) == 0 { name = name.prefix(1).uppercased() + name.dropFirst() }
        if random.below(20) == 0 { name = name.uppercased() }
        return name
    }

    /// An address inside a listed network (hit) or a random public one; IPv6 one time in ten.
    private mutating func serverAddress(hit: Bool) -> String {
        let v6 = random.below(10) == 0
        if v6 {
            guard hit, !prefixes6.isEmpty else { return randomPublic6().canonical }
            let n = prefixes6[random.below(prefixes6.count)]
            let hostBits = 128 - n.prefixLength
            let low = hostBits >= 64 ? random.next() : hostBits == 0 ? 0 : random.next() & ((1 << UInt64(hostBits)) - 1)
            return IPv6Address(high: n.address.high, low: n.address.low | low).canonical
        }
        guard hit, !prefixes4.isEmpty else { return randomPublic4().canonical }
        let n = prefixes4[random.below(prefixes4.count)]
        return IPv4Address(n.address.value | UInt32(truncatingIfNeeded: random.next()) & ~n.mask).canonical
    }

    private mutating func client() -> String {
        "10.\(random.below(256)).\(random.below(256)).\(1 + random.below(254))"
    }

    /// Writes `lines` log lines of `format` to `path`.
    mutating func writeLog(_ format: TelemetryFormat, lines: Int, to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var text = ""
        text.reserveCapacity(1 << 22)
        func flush(_ force: Bool) throws {
            if force || text.utf8.count > 4 << 20 {
                try handle.write(contentsOf: Data(text.utf8))
                text.removeAll(keepingCapacity: true)
            }
        }
        let tab = "\t"
        switch format {
        case .zeekDNS:
            text += "#separator \\x09\n#path\tdns\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\tquery\tqtype_name\trcode_name\n"
        case .zeekConn:
            text += "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_bytes\tresp_bytes\tconn_state\n"
        case .zeekHTTP:
            text += "#separator \\x09\n#path\thttp\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tmethod\thost\turi\tstatus_code\n"
        case .flowCSV:
            text += "ts,src_ip,src_port,dst_ip,dst_port,proto,bytes,packets\n"
        default:
            break
        }
        let start = 1_795_651_200
        for k in 0..<lines {
            let hit = random.below(100) == 0
            let ts = start + k / 1000
            switch format {
            case .unbound:
                text += "[\(ts)] unbound[812:0] info: \(client()) \(queryName(hit: hit)). A IN\n"
            case .bind:
                let name = queryName(hit: hit)
                text += "26-Nov-2026 00:\(String(format: "%02d:%02d", (k / 60_000) % 60, (k / 1000) % 60)).\(String(format: "%03d", k % 1000)) queries: info: client @0x7f8b3c0a8f68 \(client())#\(1024 + random.below(60000)) (\(name)): query: \(name) IN A +E(0)K (10.0.0.1)\n"
            case .zeekDNS:
                text += "\(ts).\(k % 1000)000" + tab + "C\(k)" + tab + client() + tab + "53124" + tab + "10.0.0.1" + tab + "53" + tab + "udp" + tab + "\(k & 0xFFFF)" + tab + queryName(hit: hit) + tab + "A" + tab + "NOERROR\n"
            case .zeekConn:
                text += "\(ts).\(k % 1000)000" + tab + "C\(k)" + tab + client() + tab + "51514" + tab + serverAddress(hit: hit) + tab + "443" + tab + "tcp" + tab + "1.5" + tab + "512" + tab + "4096" + tab + "SF\n"
            case .flowCSV:
                text += "\(ts),\(client()),\(1024 + random.below(60000)),\(serverAddress(hit: hit)),443,6,\(random.below(100_000)),\(1 + random.below(100))\n"
            case .squid:
                text += "\(ts).\(String(format: "%03d", k % 1000))    120 \(client()) TCP_MISS/200 5120 GET http://\(queryName(hit: hit))/index.html - HIER_DIRECT/\(serverAddress(hit: false)) text/html\n"
            case .zeekHTTP:
                text += "\(ts).\(k % 1000)000" + tab + "C\(k)" + tab + client() + tab + "51514" + tab + serverAddress(hit: false) + tab + "80" + tab + "GET" + tab + queryName(hit: hit) + tab + "/index.html" + tab + "200\n"
            }
            try flush(false)
        }
        try flush(true)
    }

    /// The indicators as `TYPE<TAB>VALUE` lines, the baselines' input.
    func writeIndicators(to path: String) throws {
        var text = ""
        text.reserveCapacity((domains.count + prefixes4.count + prefixes6.count) * 24)
        for value in domains { text += value.type.rawValue + "\t" + value.canonical + "\n" }
        for n in prefixes4 { text += (n.prefixLength == 32 ? "ipv4\t" + n.address.canonical : "cidr4\t" + n.canonical) + "\n" }
        for n in prefixes6 { text += (n.prefixLength == 128 ? "ipv6\t" + n.address.canonical : "cidr6\t" + n.canonical) + "\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// The indicators as the `value,type` CSV feed `vigil source run` imports.
    func writeFeed(to path: String) throws {
        var text = "value,type\n"
        for value in domains { text += value.canonical + "," + value.type.rawValue + "\n" }
        for n in prefixes4 { text += (n.prefixLength == 32 ? n.address.canonical + ",ipv4" : n.canonical + ",cidr4") + "\n" }
        for n in prefixes6 { text += (n.prefixLength == 128 ? n.address.canonical + ",ipv6" : n.canonical + ",cidr6") + "\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
