import Foundation
import Testing
import VigilCore

@Suite("URLValue")
struct URLValueTests {
    // Dot-segment cases from RFC 3986 §5.2.4 and §5.4; the rest follow §6.2.2–6.2.3.
    @Test(arguments: [
        ("http://EXAMPLE.com:80/a/./b/../c/%7euser?q=%3f", "http://example.com/a/c/~user?q=%3F"),
        ("HTTP://www.Example.COM", "http://www.example.com/"),
        ("https://example.com:443/", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("http://example.com:443/", "http://example.com:443/"),
        ("ftp://ftp.example.com:21/pub/file.txt", "ftp://ftp.example.com/pub/file.txt"),
        ("http://example.com:/", "http://example.com/"),
        ("http://example.com:0080/", "http://example.com/"),
        ("https://example.com:65535/", "https://example.com:65535/"),
        ("http://example.com/a/b/c/./../../g", "http://example.com/a/g"),
        ("http://example.com/mid/content=5/../6", "http://example.com/mid/6"),
        ("http://example.com/a/..", "http://example.com/"),
        ("http://example.com/a/b/..", "http://example.com/a/"),
        ("http://example.com/a/.", "http://example.com/a/"),
        ("http://example.com/a/./b/./", "http://example.com/a/b/"),
        ("http://example.com/../../x", "http://example.com/x"),
        ("http://example.com/.", "http://example.com/"),
        ("http://example.com/a//b", "http://example.com/a//b"),
        ("http://example.com/.a/..b/...", "http://example.com/.a/..b/..."),
        ("http://example.com/%2e%2E/x", "http://example.com/x"),
        ("http://example.com/%2F%2f", "http://example.com/%2F%2F"),
        ("http://example.com/%41%42c", "http://example.com/ABc"),
        ("http://example.com/a%20b", "http://example.com/a%20b"),
        ("http://example.com/%c3%bc", "http://example.com/%C3%BC"),
        ("http://example.com/ü", "http://example.com/%C3%BC"),
        ("http://example.com/a|b{c}^`\"<>\\[]", "http://example.com/a%7Cb%7Bc%7D%5E%60%22%3C%3E%5C%5B%5D"),
        ("http://example.com/~user/;p=1,2!$&'()*+@:", "http://example.com/~user/;p=1,2!$&'()*+@:"),
        ("http://example.com/?", "http://example.com/"),
        ("http://example.com?", "http://example.com/"),
        ("http://example.com/x#frag", "http://example.com/x"),
        ("http://example.com#frag ment", "http://example.com/"),
        ("http://example.com?a=1&b=2", "http://example.com/?a=1&b=2"),
        ("http://example.com/p?q=a/b?c:d@e", "http://example.com/p?q=a/b?c:d@e"),
        ("http://example.com/p?q=%7e%2b+x", "http://example.com/p?q=~%2B+x"),
        ("http://example.com/p?q=../x", "http://example.com/p?q=../x"),
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
        ("http://B%C3%BCcher.example/", "http://xn--bcher-kva.example/"),
        ("http://ex%61mple.com/", "http://example.com/"),
        ("http://example.com./", "http://example.com/"),
        ("http://_dmarc.example.com/", "http://_dmarc.example.com/"),
        ("http://192.0.2.1:8080/x", "http://192.0.2.1:8080/x"),
        ("http://192.0.2.1./", "http://192.0.2.1/"),
        ("http://[2001:DB8::1]:8080/", "http://[2001:db8::1]:8080/"),
        ("http://[2001:db8:0:0:0:0:0:1]", "http://[2001:db8::1]/"),
        ("http://[::ffff:c000:201]/", "http://[::ffff:192.0.2.1]/"),
        ("http://user:Pass@example.com/", "http://user:Pass@example.com/"),
        ("http://us%65r@example.com/", "http://user@example.com/"),
        ("http://a@b@example.com/", "http://a%40b@example.com/"),
        ("http://bank.example@evil.example/", "http://bank.example@evil.example/"),
        ("http://@example.com/", "http://example.com/"),
        ("http://:@example.com/", "http://:@example.com/"),
        ("  http://example.com/  ", "http://example.com/"),
        ("https://example.com/path/to/page.php?id=1#top", "https://example.com/path/to/page.php?id=1"),
    ])
    func good(raw: String, canonical: String) throws {
        #expect(try URLValue(parsing: raw).canonical == canonical)
        #expect(try IndicatorValue(parsing: raw, as: .url).canonical == canonical)
        // Canonicalisation is idempotent.
        #expect(try URLValue(parsing: canonical).canonical == canonical)
    }

    static let badCases: [(String, IndicatorParseError.Reason)] = [
        ("", IndicatorParseError.Reason.empty),
        ("example.com/path", .missingScheme),
        ("example.com:8080/x", .missingScheme),
        ("localhost:8080", .missingScheme),
        ("//example.com/", .missingScheme),
        ("ssh://example.com/", .unsupportedScheme),
        ("hxxp://example.com/", .unsupportedScheme),
        ("javascript:alert(1)", .unsupportedScheme),
        ("mailto:abuse@example.com", .unsupportedScheme),
        ("http:example.com", .missingAuthority),
        ("http:/example.com", .missingAuthority),
        ("http://", .emptyHost),
        ("http:///path", .emptyHost),
        ("http://:80/", .emptyHost),
        ("http://user@/", .emptyHost),
        ("http://example.com:99999/", .badPort),
        ("http://example.com:65536/", .badPort),
        ("http://example.com:0/", .badPort),
        ("http://example.com:8o/", .badPort),
        ("http://example.com:-1/", .badPort),
        ("http://example.com:80:80/", .badPort),
        ("http://example.com/a b", .invalidCharacter(" ", offset: 20)),
        ("http://exa mple.com/", .invalidCharacter(" ", offset: 10)),
        ("http://example.com/?q=a b", .invalidCharacter(" ", offset: 23)),
        ("http://example.com/\u{0}", .controlCharacter(offset: 19)),
        ("http://example.com/\u{1B}[0m", .controlCharacter(offset: 19)),
        ("http://example.com/%zz", .badPercentEncoding(offset: 19)),
        ("http://example.com/%4", .badPercentEncoding(offset: 19)),
        ("http://example.com/?q=%", .badPercentEncoding(offset: 22)),
        ("http://exa%ZZmple.com/", .badPercentEncoding(offset: 10)),
        ("http://[fe80::1%25eth0]/", .zoneIdNotAllowed),
        ("http://[v1.abc]/", .unsupportedHost),
        ("http://[::1/", .unbalancedBracket),
        ("http://[::1]x/", .invalidCharacter("x", offset: 12)),
        ("http://example.com\\@evil.example/", .invalidCharacter("\\", offset: 18)),
        ("http://localhost/", .singleLabel),
        ("http://010.0.0.1/", .leadingZero(octet: 1)),
        ("http://256.0.0.1/", .octetOutOfRange(octet: 1)),
        ("http://1.2.3/", .octetCount(got: 3)),
        ("http://0x7f.0.0.1/", .numericTopLevelLabel),
        ("http://pаypal.com/", .mixedScripts),
        ("http://exa_mple!.com/", .invalidCharacter("!", offset: 15)),
        ("http://example.com/" + repeated("a", 2030), .tooLong(max: 2048)),
        ("http://example.com/" + repeated("a", 10_000), .tooLong(max: 4096)),
    ]

    @Test(arguments: badCases)
    func bad(raw: String, reason: IndicatorParseError.Reason) {
        #expect(failureReason { _ = try URLValue(parsing: raw) } == reason)
        #expect(failureReason { _ = try IndicatorValue(parsing: raw, as: .url) } == reason)
    }

    @Test func components() throws {
        let u = try URLValue(parsing: "HTTPS://User@Bücher.Example:8443/a/../b?x=1#f")
        #expect(u.canonical == "https://User@xn--bcher-kva.example:8443/b?x=1")
        #expect(u.scheme == "https")
        #expect(u.userinfo == "User")
        #expect(u.hostKind == .domain)
        #expect(u.hostString == "xn--bcher-kva.example")
        #expect(u.host == .domain(try DomainName(parsing: "bücher.example")))
        #expect(u.port == 8443)
        #expect(u.effectivePort == 8443)
        #expect(u.path == "/b")
        #expect(u.query == "x=1")

        let v = try URLValue(parsing: "http://[2001:db8::1]/")
        #expect(v.hostKind == .ipv6)
        #expect(v.hostString == "2001:db8::1")
        #expect(v.host == .ipv6(try IPv6Address(parsing: "2001:db8::1")))
        #expect(v.userinfo == nil)
        #expect(v.port == nil)
        #expect(v.effectivePort == 80)
        #expect(v.path == "/")
        #expect(v.query == nil)

        let w = try URLValue(parsing: "ftp://u:p@192.0.2.1/f")
        #expect(w.host == .ipv4(IPv4Address(192, 0, 2, 1)))
        #expect(w.userinfo == "u:p")
        #expect(w.effectivePort == 21)
    }

    @Test func codable() throws {
        let u = try JSONDecoder().decode(URLValue.self, from: Data(#""HTTP://Example.com:80""#.utf8))
        #expect(u.canonical == "http://example.com/")
        #expect(u == (try URLValue(parsing: "http://example.com")))
    }
}
