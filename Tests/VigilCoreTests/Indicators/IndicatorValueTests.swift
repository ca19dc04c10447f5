import Foundation
import Testing
import VigilCore

@Suite("IndicatorValue")
struct IndicatorValueTests {
    static let detectGood: [(String, IndicatorType, String)] = [
        ("192.0.2.1", .ipv4, "192.0.2.1"),
        (" 198.51.100.7\n", .ipv4, "198.51.100.7"),
        ("192.0.2.77/24", .cidr4, "192.0.2.0/24"),
        ("2001:DB8::1", .ipv6, "2001:db8::1"),
        ("[2001:db8::1]", .ipv6, "2001:db8::1"),
        ("::ffff:192.0.2.1", .ipv6, "::ffff:192.0.2.1"),
        ("2001:db8::1/32", .cidr6, "2001:db8::/32"),
        ("Example.COM.", .domain, "example.com"),
        ("bücher.example", .domain, "xn--bcher-kva.example"),
        ("deadbeef.example", .domain, "deadbeef.example"),
        ("*.example.com", .domainSuffix, "example.com"),
        (".example.com", .domainSuffix, "example.com"),
        ("http://EXAMPLE.com:80/a/./b/../c", .url, "http://example.com/a/c"),
        ("ftp://files.example/a", .url, "ftp://files.example/a"),
        ("User@Example.com", .email, "user@example.com"),
        ("d41d8cd98f00b204e9800998ecf8427e", .md5, "d41d8cd98f00b204e9800998ecf8427e"),
        ("CAFEBABECAFEBABECAFEBABECAFEBABE", .md5, "cafebabecafebabecafebabecafebabe"),
        ("da39a3ee5e6b4b0d3255bfef95601890afd80709", .sha1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", .sha256,
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("AS64496", .asn, "AS64496"),
        ("as64496", .asn, "AS64496"),
        ("ASN1.10", .asn, "AS65546"),
        // Defanged input is refanged first.
        ("hxxp://evil[.]example/x", .url, "http://evil.example/x"),
        ("hXXps://evil[.]example", .url, "https://evil.example/"),
        ("hxxp[://]evil(.)example/", .url, "http://evil.example/"),
        ("fxp://files[.]example/a", .url, "ftp://files.example/a"),
        ("evil[.]example", .domain, "evil.example"),
        ("evil[dot]example", .domain, "evil.example"),
        ("192[.]0[.]2[.]1", .ipv4, "192.0.2.1"),
        ("user[@]example[.]com", .email, "user@example.com"),
        ("user[at]example(.)com", .email, "user@example.com"),
        ("*[.]example{.}com", .domainSuffix, "example.com"),
        ("hxxp://[2001:db8::1]/", .url, "http://[2001:db8::1]/"),
    ]

    @Test(arguments: detectGood)
    func detecting(raw: String, type: IndicatorType, canonical: String) throws {
        let v = try IndicatorValue(detecting: raw)
        #expect(v.type == type)
        #expect(v.canonical == canonical)
    }

    static let detectBad: [(String, IndicatorType?, IndicatorParseError.Reason)] = [
        ("", nil, .empty),
        (" \t\n", nil, .empty),
        ("\u{0}", nil, .controlCharacter(offset: 0)),
        ("a\u{7F}b.example", nil, .controlCharacter(offset: 1)),
        (tenThousand, nil, .tooLong(max: 4096)),
        ("1.2.3", .ipv4, .octetCount(got: 3)),
        ("256.1.1.1", .ipv4, .octetOutOfRange(octet: 1)),
        ("010.1.1.1", .ipv4, .leadingZero(octet: 1)),
        ("12345", .ipv4, .octetCount(got: 1)),
        ("192.0.2.0/33", .cidr4, .badPrefixLength),
        ("fe80::1%eth0", .ipv6, .zoneIdNotAllowed),
        ("::1::", .ipv6, .multipleDoubleColon),
        ("1:2:3:4:5:6:7:8:9", .ipv6, .tooManyGroups),
        ("localhost", .domain, .singleLabel),
        ("pаypal.com", .domain, .mixedScripts),
        ("a..b", .domain, .emptyLabel),
        ("example.com/path", .url, .missingScheme),
        ("ssh://example.com", .url, .unsupportedScheme),
        ("user@localhost", .email, .singleLabel),
        ("AS0", .asn, .asnOutOfRange),
        ("d41d8cd98f00b204e9800998ecf8427", .domain, .singleLabel),
    ]

    @Test(arguments: detectBad)
    func detectingFails(raw: String, type: IndicatorType?, reason: IndicatorParseError.Reason) {
        do {
            let v = try IndicatorValue(detecting: raw)
            Issue.record("unexpectedly parsed as \(v.type): \(v.canonical)")
        } catch {
            #expect(error.type == type)
            #expect(error.reason == reason)
        }
    }

    @Test(arguments: [
        ("192.0.2.1", IndicatorType.domain, IndicatorParseError.Reason.numericTopLevelLabel),
        ("example.com", .ipv4, .invalidCharacter("e", offset: 0)),
        ("hxxp://evil.example/", .url, .unsupportedScheme),
        ("evil[.]example", .domain, .invalidCharacter("[", offset: 4)),
    ])
    func parsingIsStrict(raw: String, type: IndicatorType, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: type) } == reason)
    }

    @Test func refang() {
        #expect(IndicatorValue.refang("hxxps://evil[.]example[/]x") == "https://evil.example/x")
        #expect(IndicatorValue.refang("example.com") == "example.com")
        #expect(IndicatorValue.refang("[2001:db8::1]") == "[2001:db8::1]")
        #expect(IndicatorValue.refang("hxxpevil.example") == "hxxpevil.example")
    }

    @Test func errorDescriptionAndSanitising() {
        let e = IndicatorParseError(input: "1.2.3.04", type: .ipv4, reason: .leadingZero(octet: 4))
        #expect(e.description == #"invalid ipv4 "1.2.3.04": leading zero in octet 4"#)
        let control = IndicatorParseError(input: "a\nb\u{0}\"\\\u{202E}c", type: nil, reason: .controlCharacter(offset: 1))
        #expect(control.input == #"a\nb\u{0}\"\\\u{202E}c"#)
        #expect(control.description == #"invalid indicator "a\nb\u{0}\"\\\u{202E}c": control character at byte 1"#)
        let long = IndicatorParseError(input: tenThousand, type: .domain, reason: .tooLong(max: 4096))
        #expect(long.input == repeated("a", 100) + "…")
        let ch = IndicatorParseError(input: "x", type: .domain, reason: .invalidCharacter("\u{200D}", offset: 3))
        #expect(ch.description == #"invalid domain "x": invalid character '\u{200D}' (U+200D) at byte 3"#)
        do {
            _ = try IndicatorValue(parsing: "exa\u{0}mple.com", as: .domain)
        } catch {
            #expect(error.input == #"exa\u{0}mple.com"#)
        }
    }

    @Test func codable() throws {
        let v = try IndicatorValue(parsing: "Example.COM", as: .domainSuffix)
        let json = String(decoding: try JSONEncoder().encode(v), as: UTF8.self)
        #expect(json.contains(#""type":"domain-suffix""#))
        #expect(json.contains(#""value":"example.com""#))
        let back = try JSONDecoder().decode(IndicatorValue.self, from: Data(#"{"type":"url","value":"HTTP://A.example:80"}"#.utf8))
        #expect(back == (try IndicatorValue(parsing: "http://a.example/", as: .url)))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(IndicatorValue.self, from: Data(#"{"type":"ipv4","value":"1.2.3.04"}"#.utf8))
        }
    }

    @Test func mixedScriptsOptIn() throws {
        let v = try IndicatorValue(parsing: "http://pаypal.com/login", as: .url, allowingMixedScripts: true)
        #expect(v.canonical == "http://xn--pypal-4ve.com/login")
        #expect(failureReason { _ = try IndicatorValue(parsing: "http://pаypal.com/login", as: .url) } == .mixedScripts)
        #expect(try IndicatorValue(parsing: "x@pаypal.com", as: .email, allowingMixedScripts: true).canonical
            == "x@xn--pypal-4ve.com")
        #expect(try IndicatorValue(parsing: "*.pаypal.com", as: .domainSuffix, allowingMixedScripts: true).canonical
            == "xn--pypal-4ve.com")
        // Stored values decode even though new input with mixed scripts is refused.
        let data = try JSONEncoder().encode(v)
        #expect(try JSONDecoder().decode(IndicatorValue.self, from: data) == v)
        #expect(v.parsed == .url(try URLValue(parsing: "http://xn--pypal-4ve.com/login", allowingMixedScripts: true)))
    }

    static let parsedCases: [(String, IndicatorType)] = [
        ("192.0.2.1", .ipv4), ("2001:db8::1", .ipv6), ("192.0.2.0/24", .cidr4), ("2001:db8::/32", .cidr6),
        ("example.com", .domain), ("example.com", .domainSuffix), ("http://example.com/", .url),
        ("a@example.com", .email), (repeated("a", 32), .md5), (repeated("b", 40), .sha1),
        (repeated("c", 64), .sha256), ("AS64496", .asn),
    ]

    @Test(arguments: parsedCases)
    func parsedForm(raw: String, type: IndicatorType) throws {
        let v = try IndicatorValue(parsing: raw, as: type)
        switch v.parsed {
        case .ipv4(let a): #expect(IndicatorValue(a) == v)
        case .ipv6(let a): #expect(IndicatorValue(a) == v)
        case .cidr4(let n): #expect(IndicatorValue(n) == v)
        case .cidr6(let n): #expect(IndicatorValue(n) == v)
        case .domain(let d): #expect(IndicatorValue(d) == v)
        case .domainSuffix(let d): #expect(IndicatorValue(d, includingSubdomains: true) == v)
        case .url(let u): #expect(IndicatorValue(u) == v)
        case .email(let e): #expect(IndicatorValue(e) == v)
        case .hash(let h): #expect(IndicatorValue(h) == v)
        case .asn(let a): #expect(IndicatorValue(a) == v)
        }
    }

    @Test func wrappingAndOrdering() throws {
        #expect(IndicatorValue(IPv4Address(192, 0, 2, 1)) == (try IndicatorValue(parsing: "192.0.2.1", as: .ipv4)))
        let d = try DomainName(parsing: "example.com")
        #expect(IndicatorValue(d, includingSubdomains: true).type == .domainSuffix)
        #expect(IndicatorValue(try FileHash(parsing: repeated("a", 40))).type == .sha1)
        #expect("\(IndicatorValue(d))" == "example.com")
        let sorted = [IndicatorValue(d), IndicatorValue(IPv4Address(1))].sorted()
        #expect(sorted.map(\.type) == [.ipv4, .domain])
        #expect(IndicatorType(rawValue: "domain-suffix") == .domainSuffix)
        #expect(IndicatorType.allCases.count == 12)
    }
}
