import Testing
import VigilCore
@testable import VigilFormats

/// Suricata rules checked by a strict reader of the rule grammar in Suricata's documentation
/// (header `action proto src sport direction dst dport`, then `key[:value];` options); Suricata is
/// not packaged for Debian here, so it cannot load them in the tests.
@Suite("Suricata exporter")
struct SuricataRulesTests {
    /// Fixture sids: 3,000,000,000 + 10 × the fixture's number + the kind (dns, tls, http, ip).
    static func writer() -> SuricataRules {
        var rules = SuricataRules(listName: "malware-dns")
        var sids: [String: Int64] = [:]
        for entry in BlocklistFixtures.entries {
            let number = Int64(entry.indicatorID.suffix(12))!
            for (index, kind) in ["dns", "tls", "http", "ip"].enumerated() {
                sids[entry.indicatorID + "/" + kind] = 3_000_000_000 + number * 10 + Int64(index)
            }
        }
        rules.useSIDs(sids)
        return rules
    }

    static func render() -> String {
        var rules = writer()
        for entry in BlocklistFixtures.entries.sorted(by: BlocklistEntry.exportOrder) { rules.add(entry) }
        return rules.finish(serial: 1_764_000_000)
    }

    @Test func sampleMatchesTheFixture() throws {
        #expect(Self.render() == (try BlocklistFixtures.sample("malware-dns.rules")))
    }

    @Test func everyRuleParsesWithAUniqueSid() throws {
        let allowedOptions: Set<String> = [
            "msg", "dns.query", "tls.sni", "http.host", "dotprefix", "content", "nocase", "startswith", "endswith",
            "classtype", "metadata", "sid", "rev",
        ]
        var sids = Set<String>()
        for line in Self.render().split(separator: "\n") where !line.hasPrefix("#") {
            let open = try #require(line.firstIndex(of: "("), "options in parentheses: \(line)")
            #expect(line.hasSuffix(")"))
            let header = line[..<open].split(separator: " ")
            try #require(header.count == 7, "action proto src sport direction dst dport: \(line)")
            #expect(header[0] == "alert" && ["dns", "tls", "http", "ip"].contains(header[1]) && ["->", "<>"].contains(header[4]))
            if header[1] == "ip" {
                let address = header[2].dropFirst().dropLast()
                #expect(header[2].hasPrefix("[") && header[2].hasSuffix("]"))
                #expect((try? IPv4Network(parsing: address.contains("/") ? String(address) : address + "/32")) != nil
                        || (try? IPv6Network(parsing: address.contains("/") ? String(address) : address + "/128")) != nil)
            }
            // Options: split at `;` not escaped by a backslash.
            var options: [String] = []
            var current = "", escaped = false
            for character in line[line.index(after: open)..<line.index(before: line.endIndex)] {
                if escaped { current.append(character); escaped = false; continue }
                if character == "\\" { escaped = true; current.append(character); continue }
                if character == ";" { options.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
                current.append(character)
            }
            #expect(current.trimmingCharacters(in: .whitespaces).isEmpty, "the last option ends with ';': \(line)")
            for option in options {
                let key = String(option.prefix { $0 != ":" })
                #expect(allowedOptions.contains(key), "unknown option \(key)")
                if key == "msg" || key == "content" {
                    let value = option.dropFirst(key.count + 1)
                    #expect(value.hasPrefix("\"") && value.hasSuffix("\""), "\(key) is quoted: \(option)")
                }
                if key == "sid" { #expect(sids.insert(String(option.dropFirst(4))).inserted, "sid \(option) used twice") }
            }
            #expect(options.contains { $0.hasPrefix("sid:") } && options.contains("rev:1") && options.contains { $0.hasPrefix("msg:") })
        }
        #expect(sids.count == 3 * 3 + 5, "three name rules for each of three names, one rule per address or network")
    }

    @Test func rulesWithoutAStoredSidAreLeftOut() {
        var rules = SuricataRules(listName: "x")
        rules.add(BlocklistFixtures.entries[0])
        #expect(!rules.finish(serial: 1).contains("alert"))
    }

    @Test func specialCharactersAreEscaped() {
        #expect(SuricataRules.escaped(#"a"b;c\d|e"#) == #"a\"b\;c\\d|7C|e"#)
    }
}
