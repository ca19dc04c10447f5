import Testing
import VigilFormats

@Suite("STIX patterning parser")
struct STIXPatternTests {
    @Test func comparisonsInOrderWithOperatorsAndLiterals() throws {
        let pattern = try STIXPattern(parsing: """
            ([ipv4-addr:value = '198.51.100.1' OR (ipv6-addr:value != '2001:db8::1' AND url:value LIKE 'http://%')]
             FOLLOWEDBY [file:hashes."SHA-256" == 'ab' AND file:size >= 10 AND file:name NOT IN ('a', 'b\\'c')])
            REPEATS 2 TIMES WITHIN 60.5 SECONDS OR [email-message:to_refs[*].value MATCHES 'x\\\\y'] AND
            [autonomous-system:number = -0 OR x-custom:flag = true OR artifact:payload_bin = b'AAA=' OR
             artifact:hash = h'0a' OR network-traffic:start <> t'2024-05-01T00:00:00Z' OR EXISTS file:name
             OR user-account:user_id ISSUPERSET 'a' OR ipv4-addr:value ISSUBSET '192.0.2.0/24']
            START t'2024-05-01T00:00:00Z' STOP t'2024-06-01T00:00:00.5Z'
            """)
        #expect(pattern.comparisons.map(\.pathText) == [
            "ipv4-addr:value", "ipv6-addr:value", "url:value", "file:hashes.'SHA-256'", "file:size", "file:name",
            "email-message:to_refs[*].value", "autonomous-system:number", "x-custom:flag", "artifact:payload_bin",
            "artifact:hash", "network-traffic:start", "file:name", "user-account:user_id", "ipv4-addr:value",
        ])
        #expect(pattern.comparisons.map(\.op) == [
            .equal, .notEqual, .like, .equal, .greaterOrEqual, .in, .matches, .equal, .equal, .equal, .equal, .notEqual,
            .exists, .isSuperset, .isSubset,
        ])
        #expect(pattern.comparisons[5].negated && pattern.comparisons.filter(\.negated).count == 1)
        #expect(pattern.comparisons[5].values == [.string("a"), .string("b'c")])
        #expect(pattern.comparisons[6].values == [.string("x\\y")])
        #expect(pattern.comparisons[6].path == [.key("to_refs"), .index(nil), .key("value")])
        #expect(pattern.comparisons[7].values == [.integer(0)])
        #expect(pattern.comparisons[8].values == [.boolean(true)])
        #expect(pattern.comparisons[9].values == [.binary("AAA=")])
        #expect(pattern.comparisons[10].values == [.hex("0a")])
        #expect(pattern.comparisons[11].values == [.timestamp("2024-05-01T00:00:00Z")])
        #expect(pattern.comparisons[12].values.isEmpty)
        #expect(pattern.qualifiers == ["REPEATS", "WITHIN", "START"])
        #expect(pattern.usesFollowedBy)
    }

    @Test func quotedAndUnquotedHashKeysAreTheSamePath() throws {
        let a = try STIXPattern(parsing: "[file:hashes.'MD5' = 'x']").comparisons[0]
        let b = try STIXPattern(parsing: "[file:hashes.MD5 = 'x']").comparisons[0]
        #expect(a == b && a.pathText == "file:hashes.MD5")
        #expect(try STIXPattern(parsing: "[file:hashes.'SHA-1' = 'x']").comparisons[0].path == [.key("hashes"), .key("SHA-1")])
        #expect(try !STIXPattern(parsing: "[ url:value='a' ]").usesFollowedBy)
    }

    @Test(arguments: [
        ("", 0, "expected '[' or '(' to start an observation expression, found the end of the pattern"),
        ("[ipv4-addr:value = '1.2.3.4'", 28, "expected ']', found the end of the pattern"),
        ("[ipv4-addr:value = '1.2.3.4'] [url:value = 'x']", 30, "expected AND, OR, FOLLOWEDBY or the end of the pattern, found '['"),
        ("[ipv4-addr:value '1']", 17, "expected a comparison operator, found '1'"),
        ("[ipv4-addr = '1']", 11, "expected ':' after the object type, found '='"),
        ("[ipv4-addr:value = 'unterminated]", 19, "unterminated string"),
        ("[url:value = 'a\\nb']", 15, "invalid escape in a string (only \\' and \\\\ are allowed)"),
        ("[url:value = ]", 13, "expected a literal value, found ']'"),
        ("[url:value IN 'a']", 14, "expected '(' after IN, found 'a'"),
        ("[url:value MATCHES 5]", 19, "expected a string after MATCHES, found 5"),
        ("[url:value = 'a'] WITHIN 5 MINUTES", 27, "expected SECONDS, found 'MINUTES'"),
        ("[url:value = 'a'] START 5 STOP 6", 24, "expected a timestamp t'…' after START, found 5"),
        ("[url:value = 'a' ! 'b']", 17, "'!' must be followed by '='"),
        ("[url:value = 'a' & url:value = 'b']", 17, "unexpected character '&'"),
        ("[email-message:to_refs[x] = 'a']", 23, "expected a list index or '*', found 'x'"),
        ("[autonomous-system:number = 99999999999999999999]", 28, "number 99999999999999999999 is out of range"),
    ] as [(String, Int, String)])
    func syntaxErrorsGiveTheOffset(text: String, offset: Int, message: String) {
        #expect(throws: STIXPatternError(offset: offset, message: message)) { try STIXPattern(parsing: text) }
    }

    @Test func nestingIsBounded() throws {
        let ok = String(repeating: "(", count: 64) + "[url:value = 'a']" + String(repeating: ")", count: 64)
        #expect(try STIXPattern(parsing: ok).comparisons.count == 1)
        let deep = String(repeating: "(", count: 100_000) + "[url:value = 'a']" + String(repeating: ")", count: 100_000)
        #expect(throws: STIXPatternError(offset: 65, message: "parentheses nested more than 64 deep, found '('")) {
            try STIXPattern(parsing: deep)
        }
        let inner = "[" + String(repeating: "(", count: 65) + "url:value = 'a'" + String(repeating: ")", count: 65) + "]"
        #expect(throws: STIXPatternError.self) { try STIXPattern(parsing: inner) }
    }
}
