import Testing
import VigilFormats

@Suite("RFC 4180 fields and feed timestamps")
struct CSVFieldsTests {
    @Test(arguments: [
        ("a,b,c", ["a", "b", "c"]), ("", [""]), ("a,,c,", ["a", "", "c", ""]),
        ("\"a,b\",c", ["a,b", "c"]), ("\"say \"\"hi\"\"\",x", ["say \"hi\"", "x"]), ("\"\"", [""]),
        ("1,\"http://x.example/a,b\",\"online\"", ["1", "http://x.example/a,b", "online"]),
    ])
    func splits(line: String, expected: [String]) throws {
        #expect(try CSVFields.split(Substring(line)).map(String.init) == expected)
    }

    @Test func reportsBrokenQuoting() {
        #expect(throws: CSVFields.Problem.unterminatedQuote(field: 2)) { try CSVFields.split("a,\"open") }
        #expect(throws: CSVFields.Problem.textAfterQuote(field: 1)) { try CSVFields.split("\"a\"b,c") }
    }

    @Test func otherDelimiters() throws {
        #expect(try CSVFields.split("a\tb", delimiter: "\t") == ["a", "b"])
        #expect(try CSVFields.split("a;\"b;c\"", delimiter: ";") == ["a", "b;c"])
        #expect(try CSVFields.split("a¦\"b¦c\"¦ü", delimiter: "¦") == ["a", "b¦c", "ü"], "non-ASCII delimiter")
        #expect(try CSVFields.split("\"bücher,é\",日本") == ["bücher,é", "日本"], "multi-byte text around ASCII delimiters")
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("2024-02-29", 1_709_164_800_000), ("2024-02-29 12:30:15", 1_709_209_815_000),
        ("2024-02-29T12:30:15Z", 1_709_209_815_000), ("2024-02-29T12:30:15.250Z", 1_709_209_815_250),
        ("2024-02-29T14:30:15+02:00", 1_709_209_815_000), ("2024-02-29T12:30:15 UTC", nil),
        ("2024-13-01", nil), ("yesterday", nil), ("2024-02-29T12:30", 1_709_209_800_000),
    ] as [(String, Int64?)])
    func timestamps(text: String, expected: Int64?) {
        #expect(FeedTime.parse(text) == expected)
    }
}
