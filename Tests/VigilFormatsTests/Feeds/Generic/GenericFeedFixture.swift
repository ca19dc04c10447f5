import Foundation
import VigilFormats

/// Sample files of the generic, STIX and MISP formats, read from the source tree beside the tests.
enum GenericFeedFixture {
    /// The folder `Tests/VigilFormatsTests/Feeds`.
    static var feedsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The bytes of `Feeds/<folder>/Samples/<name>`.
    static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
        let url = feedsFolder.appendingPathComponent(folder).appendingPathComponent("Samples").appendingPathComponent(name)
        return Array(try Data(contentsOf: url))
    }

    /// Every record `format` yields for `bytes`.
    static func records<F: FeedFormat>(_ format: F, bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [FeedRecord] {
        var format = format
        var reader = LineReader(bytes: bytes, maxLineBytes: maxLineBytes)
        return try format.records(from: &reader)
    }

    /// Every record `format` yields for a sample file.
    static func records<F: FeedFormat>(_ format: F, sample folder: String, _ name: String) throws -> [FeedRecord] {
        try records(format, bytes: bytes(folder, name))
    }

    /// Every record `format` yields for `text`.
    static func records<F: FeedFormat>(_ format: F, text: String) throws -> [FeedRecord] {
        try records(format, bytes: Array(text.utf8))
    }

    /// The items among `records`.
    static func items(_ records: [FeedRecord]) -> [FeedItem] {
        records.compactMap { if case .item(let item) = $0 { item } else { nil } }
    }

    /// The rejections among `records`.
    static func rejections(_ records: [FeedRecord]) -> [FeedRejection] {
        records.compactMap { if case .rejection(let rejection) = $0 { rejection } else { nil } }
    }

    /// `type:canonical` of each item, for compact comparisons.
    static func values(_ records: [FeedRecord]) -> [String] {
        items(records).map { "\($0.value.type.rawValue):\($0.value.canonical)" }
    }

    /// Epoch milliseconds of an ISO 8601 time written in a test.
    static func millis(_ text: String) -> Int64 {
        FeedTime.parse(text)!
    }
}
