import VigilCore

/// Raw demo values of every indicator type, some deliberately non-canonical (upper case,
/// trailing dots, IDN, uncompressed IPv6) so that the demo also shows canonicalisation.
enum DemoValueGenerator {
    static let words = [
        "alpha", "bravo", "cobalt", "delta", "ember", "falcon", "granite", "harbor", "indigo", "juniper",
        "kestrel", "lumen", "meadow", "nimbus", "orchid", "pixel", "quartz", "raven", "sierra", "tundra",
    ]
    static let documentationV4 = ["192.0.2", "198.51.100", "203.0.113"]

    static func values(using random: inout SplitMix64) -> [(type: IndicatorType, raw: String)] {
        var values: [(IndicatorType, String)] = []
        for index in 0..<600 {
            values.append((.ipv4, "\(documentationV4[index % 3]).\(1 + (index / 3) % 254)"))
        }
        for index in 0..<300 {
            values.append((.ipv6, "2001:DB8:\(String(index % 64, radix: 16)):0:0:0:0:\(String(index + 1, radix: 16))"))
        }
        for index in 0..<48 {
            values.append((.cidr4, "\(documentationV4[index % 3]).\((index / 3) * 16 + 3)/28"))
        }
        for index in 0..<100 { values.append((.cidr6, "2001:db8:\(String(0x100 + index, radix: 16))::/48")) }
        for index in 0..<700 {
            let tld = index % 2 == 0 ? "example" : "test"
            let name = "\(random.pick(words))-\(random.pick(words))\(index)"
            values.append((.domain, index % 10 == 0 ? "\(name.uppercased()).\(tld)." : "\(name).\(tld)"))
        }
        for index in 0..<150 {
            values.append((.domainSuffix, index % 15 == 0 ? "bücher-\(index).example" : "\(random.pick(words))-zone\(index).test"))
        }
        for index in 0..<500 {
            let host = "\(random.pick(words))\(index % 120).example"
            values.append((.url, "HTTP://\(host.uppercased()):80/\(random.pick(words))/./kit/../login.php?id=\(index)"))
        }
        for index in 0..<200 {
            values.append((.email, "\(random.pick(words)).\(index)@mail-\(random.pick(words)).example"))
        }
        for _ in 0..<150 { values.append((.md5, random.hex(bytes: 16))) }
        for _ in 0..<150 { values.append((.sha1, random.hex(bytes: 20).uppercased())) }
        for _ in 0..<150 { values.append((.sha256, random.hex(bytes: 32))) }
        for asn in 64496...64511 { values.append((.asn, "AS\(asn)")) }
        for asn in 65536...65551 { values.append((.asn, "as\(asn)")) }
        return values
    }
}
