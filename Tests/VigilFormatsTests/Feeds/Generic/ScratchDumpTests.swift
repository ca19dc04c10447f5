import Testing
import VigilFormats

@Test func scratchDump() throws {
    var format = try STIXFormat(options: [:])
    var reader = LineReader(bytes: try GenericFeedFixture.bytes("STIX", "stix-bundle.json"))
    let records = try format.records(from: &reader)
    for r in records { print(r) }
    print(format.skippedObjectTypes, format.skippedPatternTypes, format.ignoredQualifiers)
}
