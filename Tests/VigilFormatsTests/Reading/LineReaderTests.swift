import Testing
import VigilFormats

@Suite("Line reader")
struct LineReaderTests {
    static func lines(_ reader: consuming LineReader) throws -> [Line] {
        var reader = reader
        var result: [Line] = []
        while let line = try reader.next() { result.append(line) }
        return result
    }

    @Test func splitsOnLFAndCRLFAndKeepsALastLineWithoutBreak() throws {
        let lines = try Self.lines(LineReader(text: "a\r\nb\n\nc"))
        #expect(lines == [
            Line(number: 1, content: .text("a")), Line(number: 2, content: .text("b")),
            Line(number: 3, content: .text("")), Line(number: 4, content: .text("c")),
        ])
        #expect(try Self.lines(LineReader(text: "")).isEmpty)
        #expect(try Self.lines(LineReader(text: "x\n")).count == 1)
    }

    @Test func longLinesAreReportedAndSkippedAndReadingGoesOn() throws {
        let text = "ok\n" + String(repeating: "x", count: 100) + "\nafter\n" + String(repeating: "y", count: 50)
        let lines = try Self.lines(LineReader(text: text, maxLineBytes: 20))
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(lines[1].content == .tooLong(bytes: 100))
        #expect(lines[2].content == .text("after"))
        #expect(lines[3].content == .tooLong(bytes: 50))
    }

    @Test func invalidUTF8IsReportedPerLine() throws {
        let lines = try Self.lines(LineReader(bytes: Array("good\n".utf8) + [0xC3, 0x28, 0x0A] + Array("also good".utf8)))
        #expect(lines.map(\.content) == [.text("good"), .invalidUTF8, .text("also good")])
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        let text = "alpha\nbeta\r\ngamma\ndelta"
        for size in 1...7 {
            var bytes = Array(text.utf8)[...]
            let reader = LineReader(maxLineBytes: 100) {
                defer { bytes = bytes.dropFirst(size) }
                return bytes.isEmpty ? nil : Array(bytes.prefix(size))
            }
            let texts = try Self.lines(reader).map { line -> String in
                guard case .text(let text) = line.content else { return "?" }
                return String(text)
            }
            #expect(texts == ["alpha", "beta", "gamma", "delta"], "chunk size \(size)")
        }
    }
}
