import Testing
import VigilCore
import VigilMatch

@Suite("Warning lists: text form and allowlist")
struct WarningListParsingTests {
    @Test func parsesEveryEntryKind() throws {
        let text = "# own list\r\n10.0.0.0/8\r\n\r\n192.0.2.77/24   # host bits are cleared\n8.8.8.8\n"
            + "2001:DB8::/32\n::1\nExample.COM\n*.Test\n.corp.example\n10.0.0.0/8\n"
        let list = try WarningList(name: "own", description: "mine", parsing: text)
        #expect(list.entries.map(\.description) == [
            "10.0.0.0/8", "192.0.2.0/24", "8.8.8.8", "2001:db8::/32", "::1", "example.com", "*.test", "*.corp.example",
            "10.0.0.0/8",
        ])
        #expect(try warningHit(WarningListSet([list]), .ipv4, "10.9.9.9")?.matched == "10.0.0.0/8", "a repeat is harmless")
        #expect(list.entries[2] == .ipv4(try IPv4Network(parsing: "8.8.8.8/32")))
        #expect(list.entries[6] == .domainSuffix(try #require(
            { if case .domainSuffix(let d) = try IndicatorValue(parsing: "test", as: .domainSuffix).parsed { d } else { nil } }())))
        let again = try WarningList(name: "own", description: "mine", parsing: list.text)
        #expect(again.entries == list.entries, "the text form parses back to the same entries")
    }

    @Test func reportsEveryBadLineWithItsNumber() throws {
        let text = """
            # header
            10.0.0.0/8
            300.1.1.1        # octet out of range
            example..com
            http://x.example/
            a@b.example
            *.
            fe80::1%eth0
            10.0.0.0/33
            localhost
            good.example
            """
        let error = try #require(throws: WarningListError.self) {
            try WarningList(name: "bad", description: "", parsing: text)
        }
        #expect(error.list == "bad")
        #expect(error.problems.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10])
        #expect(error.problems[0].reason == "invalid ipv4: octet 1 is greater than 255")
        #expect(error.problems[0].text == "300.1.1.1")
        #expect(error.problems[1].reason.contains("empty label"))
        #expect(error.problems[2].reason.hasPrefix("URLs cannot be listed"))
        #expect(error.problems[3].reason.hasPrefix("e-mail addresses cannot be listed"))
        #expect(error.problems[5].reason.contains("zone identifiers"))
        #expect(error.problems[6].reason.contains("prefix length"))
        #expect(error.problems[7].reason.contains("single-label") || error.problems[7].reason.contains("label"))
        #expect(error.validEntries.entries.map(\.description) == ["10.0.0.0/8", "good.example"])
        #expect(error.description.contains("line 4:"))
    }

    @Test func problemTextIsSafeToPrint() throws {
        let error = try #require(throws: WarningListError.self) {
            try WarningList(name: "x", description: "", parsing: "evil\u{202E}moc.example\n" + String(repeating: "a", count: 300))
        }
        #expect(error.problems.count == 2)
        #expect(error.problems[0].text == "evil\\u{202E}moc.example")
        #expect(error.problems[1].text.count == 101, "100 characters and an ellipsis")
    }

    @Test func allowlistReportsPositions() throws {
        let error = try #require(throws: WarningListError.self) {
            try WarningList.allowlist(["10.0.0.1", "", "not a domain!", "  # only a comment", "*.ok.example",
                                       "1.2.3.4/40", "mycert.example.org  # our own"])
        }
        #expect(error.list == "allowlist")
        #expect(error.problems.map(\.line) == [3, 6])
        #expect(error.problems[0].text == "not a domain!")
        #expect(error.validEntries.entries.map(\.description) == ["10.0.0.1", "*.ok.example", "mycert.example.org"])
        #expect(error.validEntries.options.contains(.emailDomains))

        let good = try WarningList.allowlist(["2001:db8::/48", "Intranet.Example.net"], name: "ops")
        #expect(good.name == "ops")
        #expect(good.entries.map(\.description) == ["2001:db8::/48", "intranet.example.net"])
        #expect(try WarningList.allowlist([]).entries.isEmpty)
    }

    @Test func entryParsingOnItsOwn() throws {
        #expect(try WarningList.Entry(parsing: " 2001:db8::1 ").description == "2001:db8::1")
        #expect(try WarningList.Entry(parsing: "2001:db8::1/64").description == "2001:db8::/64")
        #expect(try WarningList.Entry(parsing: "*.com").description == "*.com")
        #expect(throws: WarningListEntryError.self) { try WarningList.Entry(parsing: "") }
        #expect(throws: WarningListEntryError.self) { try WarningList.Entry(parsing: "com") }
        #expect(throws: WarningListEntryError.self) { try WarningList.Entry(parsing: "1.2.3") }
    }
}
