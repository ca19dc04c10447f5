import CompressNIO
import Foundation
import NIOCore
import Testing
import VigilFormats
@testable import VigilServices

@Suite("Feed input: limits and gzip")
struct FeedInputTests {
    static let text = (1...5_000).map { "host\($0).example.net" }.joined(separator: "\n") + "\n"

    static func gzip(_ text: String) throws -> [UInt8] {
        var buffer = ByteBuffer(string: text)
        let compressed = try buffer.compress(with: .gzip())
        return Array(compressed.readableBytesView)
    }

    /// Every line `reader` yields, and the error that stopped it, if any.
    static func drain(_ input: FeedInput, maxBytes: Int = 1 << 26) throws -> (lines: [String], error: (any Error)?) {
        var (reader, _) = try input.reader(maxBytes: maxBytes)
        var lines: [String] = []
        do {
            while let line = try reader.next() {
                if case .text(let text) = line.content { lines.append(String(text)) }
            }
        } catch {
            return (lines, error)
        }
        return (lines, nil)
    }

    @Test func gzipInputIsInflatedByItsMagicNumber() throws {
        let plain = try Self.drain(.bytes(Array(Self.text.utf8)))
        let inflated = try Self.drain(.bytes(try Self.gzip(Self.text)))
        #expect(inflated.error == nil)
        #expect(inflated.lines.count == 5_000)
        #expect(inflated.lines == plain.lines)
    }

    @Test func gzipFilesAreReadFromDiskInChunks() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-\(UUID().uuidString).txt.gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let big = String(repeating: Self.text, count: 40)  // several 64 KiB chunks compressed and inflated
        try Data(try Self.gzip(big)).write(to: URL(fileURLWithPath: path))
        let result = try Self.drain(.file(path: path))
        #expect(result.error == nil)
        #expect(result.lines.count == 200_000)
        #expect(result.lines.last == "host5000.example.net")
    }

    @Test func concatenatedMembersAreReadInTurn() throws {
        let result = try Self.drain(.bytes(try Self.gzip("a.example\nb.example\n") + (try Self.gzip("c.example\n"))))
        #expect(result.error == nil)
        #expect(result.lines == ["a.example", "b.example", "c.example"])
    }

    @Test func truncatedGzipStopsWithAnErrorAfterTheLinesBeforeIt() throws {
        let whole = try Self.gzip(Self.text)
        let result = try Self.drain(.bytes(Array(whole.prefix(whole.count * 2 / 3))))
        #expect(result.lines.count > 100, "lines inflated before the cut are handed on")
        #expect(result.lines.count < 5_000)
        guard case .truncated? = result.error as? GzipChunks.Problem else {
            Issue.record("expected a truncation error, got \(String(describing: result.error))")
            return
        }
    }

    @Test func corruptGzipIsReported() throws {
        var bytes = try Self.gzip(Self.text)
        for index in 20..<60 { bytes[index] ^= 0x5A }
        let result = try Self.drain(.bytes(bytes))
        #expect(result.error is GzipChunks.Problem)
        #expect(String(describing: result.error!).contains("gzip"))
    }

    @Test func trailingBytesAfterTheStreamAreReported() throws {
        let result = try Self.drain(.bytes(try Self.gzip("a.example\n") + Array("junk".utf8)))
        #expect(result.lines == ["a.example"])
        #expect(result.error as? GzipChunks.Problem == .trailingData(offset: try Self.gzip("a.example\n").count))
    }

    @Test func inflatedSizeIsBoundedToo() throws {
        // A small "bomb": 4 MiB of repeated lines compress to a few KiB.
        let bomb = try Self.gzip(String(repeating: "aaaaaaaaaaaaaaa.example\n", count: 174_763))
        #expect(bomb.count < 64 * 1024)
        let result = try Self.drain(.bytes(bomb), maxBytes: 1 << 20)
        #expect(result.error is FeedInput.TooLarge)
        #expect(result.lines.count == (1 << 20) / 24, "every whole line before the limit is kept")
    }

    @Test func plainInputOverTheLimitStopsAtTheLimit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try Self.drain(.file(path: path), maxBytes: 1_000)
        #expect(result.error is FeedInput.TooLarge)
        #expect(result.lines.allSatisfy { $0.hasPrefix("host") && $0.hasSuffix(".example.net") })
        #expect(result.lines.joined(separator: "\n").utf8.count < 1_000)
    }
}
