import Testing
@testable import VigilFormats

/// The small helpers the feed formats share: a line's text or its rejection, the collected
/// document of a document format, and a thrown rejection as a record.
@Suite("Shared reading helpers")
struct SharedReadingHelperTests {
    @Test func lineTextOrRejection() {
        var records: [FeedRecord] = []
        #expect(Line(number: 1, content: .text(" a ")).text(rejectingInto: &records) == " a ")
        #expect(records.isEmpty)
        #expect(Line(number: 2, content: .invalidUTF8).text(rejectingInto: &records) == nil)
        #expect(Line(number: 3, content: .tooLong(bytes: 9)).text(rejectingInto: &records) == nil)
        #expect(records == [
            .rejection(FeedRejection(location: FeedLocation(line: 2), reason: "line is not valid UTF-8")),
            .rejection(FeedRejection(location: FeedLocation(line: 3), reason: "line of 9 bytes exceeds the line length limit")),
        ])
    }

    @Test func oneValueOfALine() {
        #expect(OneValuePerLine.value(of: " \t198.51.100.7 \r") == "198.51.100.7")
        #expect(OneValuePerLine.value(of: "  ") == nil)
        #expect(OneValuePerLine.value(of: "  # comment") == nil)
    }

    @Test func documentBufferCollectsLinesAndEmptiesOnTake() {
        var buffer = DocumentBuffer()
        var records: [FeedRecord] = []
        buffer.append(Line(number: 1, content: .text("{")))
        buffer.append(Line(number: 2, content: .text("}")))
        #expect(buffer.take(kind: "X", into: &records) == Array("{\n}\n".utf8))
        #expect(buffer.take(kind: "X", into: &records) == nil)
        buffer.append(Line(number: 3, content: .text(" \t")))
        #expect(buffer.take(kind: "X", into: &records) == nil)
        #expect(records.isEmpty)
    }

    @Test func documentBufferStopsAtAnUnreadableLine() {
        var buffer = DocumentBuffer()
        var records: [FeedRecord] = []
        buffer.append(Line(number: 1, content: .text("{")))
        buffer.append(Line(number: 2, content: .invalidUTF8))
        buffer.append(Line(number: 3, content: .text("}")))
        #expect(buffer.take(kind: "X", into: &records) == nil)
        #expect(records == [.rejection(FeedRejection(
            location: FeedLocation(line: 2), reason: "line is not valid UTF-8; the X document was not read"))])
    }

    @Test func itemOrRejectionAsRecord() {
        var records: [FeedRecord] = []
        let rejection = FeedRejection(location: FeedLocation(line: 1), reason: "bad")
        records.append(itemOf: { () throws(FeedRejection) -> FeedItem? in nil })
        records.append(itemOf: { () throws(FeedRejection) -> FeedItem? in throw rejection })
        #expect(records == [.rejection(rejection)])
    }
}
