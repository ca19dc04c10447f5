import Testing
import VigilCore
@testable import VigilFormats

/// `ipset restore` input checked by a strict reader of the commands ipset(8) documents for
/// restore mode (`create`, `flush`, `add`, `swap`, `destroy`): ipset itself needs the kernel's
/// ipset module, which a test machine may not load.
@Suite("ipset exporter")
struct IpsetRestoreTests {
    @Test func sampleMatchesTheFixture() throws {
        let file = BlocklistFormat.ipset.render(BlocklistFixtures.entries, policy: BlocklistFixtures.policy, serial: 1_764_000_000)
        #expect(file == (try BlocklistFixtures.sample("malware-dns.ipset")))
    }

    @Test func everyLineIsAValidRestoreCommand() throws {
        let file = BlocklistFormat.ipset.render(BlocklistFixtures.entries, policy: BlocklistFixtures.policy, serial: 1)
        var families: [String: String] = [:]
        var added = 0
        for line in file.split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: " ").map(String.init)
            let name = words.count > 1 ? words[1] : ""
            #expect(name.utf8.count <= 31, "ipset names are at most 31 bytes: \(name)")
            switch words.first {
            case "create":
                #expect(words.count == 10 && words[2] == "hash:net" && words[3] == "family" && words[5] == "hashsize"
                        && words[7] == "maxelem" && words[9] == "-exist", "\(line)")
                families[name] = words[4]
            case "flush", "destroy":
                #expect(words.count == 2 && families[name] != nil, "\(line)")
            case "swap":
                #expect(words.count == 3 && families[name] != nil && families[name] == families[words[2]], "\(line)")
            case "add":
                let family = try #require(families[name], "add to a set created before: \(line)")
                #expect(words.count == 3)
                let entry = words[2]
                let parses = family == "inet"
                    ? ((try? IPv4Network(parsing: entry.contains("/") ? entry : entry + "/32")) != nil)
                    : ((try? IPv6Network(parsing: entry.contains("/") ? entry : entry + "/128")) != nil)
                #expect(parses, "\(entry) in a \(family) set")
                added += 1
            default:
                Issue.record("not a restore command: \(line)")
            }
        }
        #expect(added == 5, "two IPv4 addresses, one IPv4 network, one IPv6 address, one IPv6 network")
    }

    @Test func longListNamesStayWithinTheLimitAndApart() {
        let a = IpsetRestore(listName: String(repeating: "a", count: 64))
        let b = IpsetRestore(listName: String(repeating: "a", count: 63) + "b")
        #expect(a.v4Name.utf8.count + 2 <= 31)
        #expect(a.v4Name != b.v4Name)
    }
}
