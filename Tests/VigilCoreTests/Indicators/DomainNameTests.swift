import Foundation
import Testing
import VigilCore

@Suite("DomainName")
struct DomainNameTests {
    static let label63 = repeated("a", 63)
    // 4 × 63 + 3 dots = 255; trim the first label to reach 253.
    static let name253 = repeated("a", 61) + "." + [label63, label63, label63].joined(separator: ".")

    // IDN expectations checked with Python (`'bücher'.encode('idna')`, punycode codec);
    // `ß` follows IDNA2008 (`xn--strae-oqa`), not IDNA2003's `strasse`.
    static let goodCases: [(String, String)] = [
        ("Example.COM", "example.com"),
        ("example.com.", "example.com"),
        ("  www.example.com\t", "www.example.com"),
        ("example.com\n", "example.com"),
        ("a.b.c.d.e.f.example", "a.b.c.d.e.f.example"),
        ("bücher.example", "xn--bcher-kva.example"),
        ("BÜCHER.example", "xn--bcher-kva.example"),
        ("bu\u{308}cher.example", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("XN--BCHER-KVA.EXAMPLE.", "xn--bcher-kva.example"),
        ("BÜCHER.example.", "xn--bcher-kva.example"),
        ("ПРИМЕР.РФ", "xn--e1afmkfd.xn--p1ai"),
        ("ΕΛΛΗΝΙΚΆ.test", "xn--hxargifdar.test"),
        ("例え.テスト", "xn--r8jz45g.xn--zckzah"),
        ("例え。テスト", "xn--r8jz45g.xn--zckzah"),
        ("例え．テスト", "xn--r8jz45g.xn--zckzah"),
        ("xn--r8jz45g.xn--zckzah", "xn--r8jz45g.xn--zckzah"),
        ("münchen.test", "xn--mnchen-3ya.test"),
        ("пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("straße.example", "xn--strae-oqa.example"),
        ("ελληνικά.test", "xn--hxargifdar.test"),
        ("中国.example", "xn--fiqs8s.example"),
        ("ñandú.example", "xn--and-6ma2c.example"),
        ("аррӏе.com", "xn--80ak6aa92e.com"),
        ("ｅｘａｍｐｌｅ．ｃｏｍ", "example.com"),
        ("_dmarc.example.com", "_dmarc.example.com"),
        ("my_host.example", "my_host.example"),
        ("r3---sn-abc.example", "r3---sn-abc.example"),
        ("a-b.example", "a-b.example"),
        ("123.example", "123.example"),
        ("example.com1", "example.com1"),
        ("3com.example", "3com.example"),
        (label63 + ".example", label63 + ".example"),
        (name253, name253),
        (name253 + ".", name253),
    ]

    @Test(arguments: goodCases)
    func good(raw: String, canonical: String) throws {
        #expect(try DomainName(parsing: raw).canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .domain).canonical == canonical)
    }

    static let badCases: [(String, IndicatorParseError.Reason)] = [
        ("", IndicatorParseError.Reason.empty),
        ("localhost", .singleLabel),
        ("example.", .singleLabel),
        ("a..b", .emptyLabel),
        (".example.com", .emptyLabel),
        ("example.com..", .emptyLabel),
        ("bücher.example..", .emptyLabel),
        ("BÜCHER.example..", .emptyLabel),
        ("BÜCHER..example", .emptyLabel),
        (".", .emptyLabel),
        ("-a.example", .hyphenPlacement),
        ("a-.example", .hyphenPlacement),
        ("example.-com", .hyphenPlacement),
        (repeated("a", 64) + ".example", .labelTooLong),
        ("a" + name253, .nameTooLong),
        ("192.0.2.1", .numericTopLevelLabel),
        ("example.123", .numericTopLevelLabel),
        ("pаypal.com", .mixedScripts),
        ("xn--pypal-4ve.com", .mixedScripts),
        ("aπ.example", .mixedScripts),
        ("xn--bcher-2pa.example", .badPunycode),
        ("xn--bucher-xyd.example", .badPunycode),
        ("xn--n3h.example", .badPunycode),
        ("xn--ls8h.example", .badPunycode),
        ("xn--a.example", .badPunycode),
        ("xn--99999999999999999999999a.example", .badPunycode),
        ("exa mple.com", .invalidCharacter(" ", offset: 3)),
        ("example.com/", .invalidCharacter("/", offset: 11)),
        ("ex!ample.com", .invalidCharacter("!", offset: 2)),
        ("*.example.com", .invalidCharacter("*", offset: 0)),
        ("user@example.com", .invalidCharacter("@", offset: 4)),
        ("☃.example", .invalidCharacter("☃", offset: 0)),
        ("ex😀.com", .invalidCharacter("😀", offset: 2)),
        ("a\u{200D}b.example", .invalidCharacter("\u{200D}", offset: 1)),
        ("bücher\u{A0}.de", .invalidCharacter("\u{A0}", offset: 7)),
        ("\u{301}a.example", .invalidCharacter("\u{301}", offset: 0)),
        ("ü.\u{301}b.example", .invalidCharacter("\u{301}", offset: 3)),
        ("⒈example.com", .invalidCharacter("⒈", offset: 0)),
        ("exa\u{0}mple.com", .controlCharacter(offset: 3)),
        ("exa\nmple.com", .controlCharacter(offset: 3)),
        ("exa\u{7F}mple.com", .controlCharacter(offset: 3)),
        ("ü\u{9B}.example", .controlCharacter(offset: 2)),
        (tenThousand, .tooLong(max: 4096)),
        (repeated("ü", 2049), .tooLong(max: 4096)),
    ]

    @Test(arguments: badCases)
    func bad(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try DomainName(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .domain) } == reason)
    }

    @Test(arguments: [
        ("*.example.com", "example.com"),
        (".Example.com.", "example.com"),
        ("example.com", "example.com"),
        ("*.bücher.example", "xn--bcher-kva.example"),
        ("com", "com"),
        ("*.zip", "zip"),
    ])
    func suffixGood(raw: String, canonical: String) throws {
        #expect(try IndicatorValue(parsing: raw, as: .domainSuffix).canonical == canonical)
    }

    @Test(arguments: [
        ("*example.com", IndicatorParseError.Reason.invalidCharacter("*", offset: 0)),
        ("*.*.example.com", .invalidCharacter("*", offset: 2)),
        ("a.*.example.com", .invalidCharacter("*", offset: 2)),
        ("..example.com", .emptyLabel),
        (".", .emptyLabel),
        ("*.", .emptyLabel),
        ("*.123", .numericTopLevelLabel),
    ])
    func suffixBad(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .domainSuffix) } == reason)
    }

    @Test func mixedScriptsOptIn() throws {
        #expect(try DomainName(parsing: "pаypal.com", allowingMixedScripts: true).canonical == "xn--pypal-4ve.com")
        #expect(try DomainName(parsing: "xn--pypal-4ve.com", allowingMixedScripts: true).canonical == "xn--pypal-4ve.com")
    }

    @Test func structure() throws {
        let d = try DomainName(parsing: "WWW.Bücher.example")
        #expect(d.labels == ["www", "xn--bcher-kva", "example"])
        #expect(d.labelCount == 3)
        #expect(d.parent?.canonical == "xn--bcher-kva.example")
        #expect(d.parent?.parent?.canonical == "example")
        #expect(d.parent?.parent?.parent == nil)
        #expect(d.unicode == "www.bücher.example")
    }

    @Test(arguments: [
        ("a.example.com", "example.com", true),
        ("example.com", "example.com", true),
        ("x.y.example.com", "example.com", true),
        ("badexample.com", "example.com", false),
        ("example.com", "a.example.com", false),
        ("example.org", "example.com", false),
    ])
    func subdomain(name: String, of parent: String, expected: Bool) throws {
        #expect(try DomainName(parsing: name).isSubdomain(of: DomainName(parsing: parent)) == expected)
    }

    @Test func codable() throws {
        let d = try JSONDecoder().decode(DomainName.self, from: Data(#""Bücher.Example.""#.utf8))
        #expect(d.canonical == "xn--bcher-kva.example")
        #expect(String(decoding: try JSONEncoder().encode(d), as: UTF8.self) == #""xn--bcher-kva.example""#)
    }
}
