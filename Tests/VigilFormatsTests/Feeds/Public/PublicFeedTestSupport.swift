import Foundation
import Testing
import VigilCore
import VigilFormats

/// Sample files and checks shared by the URLhaus, Feodo, ThreatFox, Spamhaus DROP and FireHOL tests.
enum PublicFeedSamples {
    /// The text of `Samples/<file>` beside this file.
    static func text(_ file: String, filePath: String = #filePath) throws -> String {
        let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Samples")
        return try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    /// Everything `format` yields for `text`, read through a `LineReader`.
    static func records(
        _ format: some FeedFormat, _ text: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes
    ) throws -> [FeedRecord] {
        var format = format
        var reader = LineReader(text: text, maxLineBytes: maxLineBytes)
        return try format.records(from: &reader)
    }

    /// The accepted items.
    static func items(_ records: [FeedRecord]) -> [FeedItem] {
        records.compactMap { if case .item(let item) = $0 { item } else { nil } }
    }

    /// The rejections.
    static func rejections(_ records: [FeedRecord]) -> [FeedRejection] {
        records.compactMap { if case .rejection(let rejection) = $0 { rejection } else { nil } }
    }

    /// Epoch milliseconds of a time the test writes out.
    static func ms(_ text: String) -> Int64 {
        FeedTime.parse(text)!
    }

    /// A canonical value of the given type.
    static func value(_ text: String, _ type: IndicatorType) -> IndicatorValue {
        try! IndicatorValue(parsing: text, as: type)
    }

    /// Hostile input never crashes `format` and never loses the good lines around it: an empty
    /// document and a comments-only one give nothing, a line over the reader's limit (1 MiB here)
    /// and a line that is not UTF-8 give one rejection each with their line number, and `valid`
    /// after them still gives its item; random bytes give only items and rejections.
    static func checkHostileInput(
        _ make: () throws -> some FeedFormat, comments: String, valid: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(try records(make(), "").isEmpty, sourceLocation: sourceLocation)
        #expect(try records(make(), comments).isEmpty, sourceLocation: sourceLocation)

        let huge = String(repeating: "A", count: 1 << 20)
        var reader = LineReader(bytes: Array("\(huge)\n".utf8) + [0xC3, 0x28, 0x0A] + Array(valid.utf8), maxLineBytes: 1 << 19)
        var format = try make()
        let result = try format.records(from: &reader)
        let rejected = rejections(result)
        #expect(rejected.count == 2, sourceLocation: sourceLocation)
        #expect(rejected.first?.location == FeedLocation(line: 1), sourceLocation: sourceLocation)
        #expect(rejected.first?.reason.contains("exceeds the line length limit") == true, sourceLocation: sourceLocation)
        #expect(rejected.last?.location == FeedLocation(line: 2), sourceLocation: sourceLocation)
        #expect(items(result).count == 1, sourceLocation: sourceLocation)

        var generator = SplitMix64(seed: 4)
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in
                [UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "#"), UInt8(ascii: "\\"),
                 0x0A, 0x0D, 0xFF, UInt8(ascii: "1"), UInt8(ascii: "."), UInt8(ascii: "/")].randomElement(using: &generator)!
            }
            var noise = LineReader(bytes: bytes, maxLineBytes: 64)
            var format = try make()
            _ = try format.records(from: &noise)
        }
    }
}
