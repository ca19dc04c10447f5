import Testing
import VigilCore
import VigilFormats

@Suite("MISP feed index")
struct MISPFeedIndexTests {
    typealias Fixture = GenericFeedFixture

    @Test func manifestListsEventsAndRejectsUnsafeKeys() throws {
        let index = try MISPFeedIndex(manifest: try Fixture.bytes("MISP", "feed/manifest.json"))
        #expect(index.entries == [
            MISPFeedIndex.Entry(
                uuid: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", timestamp: 1_714_557_600_000, info: "Emotet C2 servers",
                tags: ["tlp:white", "rsit:malicious-code=\"c2-server\""], tlp: .clear, date: "2024-05-01",
                organisation: "Example CERT", threatLevel: 3, analysis: 2),
            MISPFeedIndex.Entry(
                uuid: "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", timestamp: 1_714_644_000_000, info: "Phishing kit hosts",
                tags: ["tlp:green", "phishing"], tlp: .green, date: "2024-05-02",
                organisation: "Example CERT", threatLevel: 3, analysis: 2),
        ])
        #expect(index.entries.map(\.fileName) == [
            "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.json", "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e.json",
        ])
        #expect(index.rejections == [
            FeedRejection(location: FeedLocation(objectID: "../../etc/passwd"), reason: "manifest key is not an event uuid"),
            FeedRejection(location: FeedLocation(objectID: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"),
                          reason: "expected an object, found a string"),
        ])
        #expect(index.entries(changedAfter: nil).count == 2)
        #expect(index.entries(changedAfter: 1_714_557_600_000).map(\.info) == ["Phishing kit hosts"])
        #expect(index.entries(changedAfter: 1_714_644_000_000).isEmpty)
    }

    @Test func feedFolderLoadsEveryEventFileWithTheMISPFormat() throws {
        let index = try MISPFeedIndex(manifest: try Fixture.bytes("MISP", "feed/manifest.json"))
        var values: [String] = []
        var skipped = MISPSkippedAttributes()
        var all: [FeedRecord] = []
        for entry in index.entries {
            var format = try MISPFormat(options: [:])
            var reader = LineReader(bytes: try Fixture.bytes("MISP", "feed/" + entry.fileName))
            let records = try format.records(from: &reader)
            all += records
            values += Fixture.values(records)
            skipped.notForIDS += format.skippedAttributes.notForIDS
            for (type, count) in format.skippedAttributes.unsupportedTypes { skipped.unsupportedTypes[type, default: 0] += count }
        }
        #expect(values == [
            "ipv4:198.51.100.80", "ipv4:198.51.100.81", "domain:c2-panel.example",
            "url:https://bank-login.example/index.php", "md5:ad4c2ab60f5dd664582f7d69b9445350",
        ])
        let items = Fixture.items(all)
        #expect(items[0].tlp == .clear && items[0].threatType == .c2 && items[0].itemID == "11111111-2222-4333-8444-555555555501")
        #expect(items[1].description == "Emotet C2 servers: seen twice")
        #expect(items[3].tlp == .green && items[3].threatType == .phishing && items[3].lastSeen == 1_714_644_000_000)
        #expect(items[4].itemID == "11111111-2222-4333-8444-555555555514")
        #expect(Fixture.rejections(all).isEmpty)
        #expect(skipped.notForIDS == 1 && skipped.unsupportedTypes == ["text": 1, "filename": 1])
    }

    @Test func hashesCSVPairsValueHashesWithEvents() throws {
        let (hashes, rejections) = MISPFeedIndex.hashes(csv: try Fixture.bytes("MISP", "feed/hashes.csv"))
        #expect(hashes.count == 9)
        #expect(hashes.first == MISPFeedIndex.Hash(md5: "1d14b26e8f4557a5dd74db4a30ef78ba", eventUUID: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"))
        #expect(Set(hashes.map(\.eventUUID)).count == 2)
        #expect(rejections == [FeedRejection(location: FeedLocation(line: 10), field: "md5", reason: "not 32 hex digits")])
    }

    @Test func aManifestThatIsNotAnObjectThrows() {
        #expect(throws: FeedRejection(location: FeedLocation(objectID: "manifest.json"),
                                      reason: "expected an object of events by uuid, found an array")) {
            try MISPFeedIndex(manifest: Array("[]".utf8))
        }
        #expect(throws: FeedRejection.self) { try MISPFeedIndex(manifest: Array("{".utf8)) }
    }
}
