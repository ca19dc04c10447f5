import Foundation
import Testing
import VigilCore
import VigilMatch
import VigilStore
@testable import VigilServices
import VigilTestSupport

@Suite("Following a log: growth, rotation, restart from the checkpoint")
struct FollowTests {
    static func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting for \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test func followsGrowthAndRotationAndResumesWithoutRepeating() async throws {
        try await TestDatabases.withServices(.sqlite) { services, analyst in
            try await BlocklistServiceTests.feed(services, analyst, name: "c2", reliability: 80, threat: .c2, ["c2-panel.net"])
            let panel = try await BlocklistServiceTests.id(services, .domain, "c2-panel.net")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("follow-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = directory + "/queries.log"
            func lines(_ n: Int, hit: Bool) -> String {
                String(repeating: "[1795651200] unbound[1:0] info: 10.0.0.1 \(hit ? "c2-panel.net" : "quiet.org"). A IN\n", count: n)
            }
            func append(_ text: String, to file: String = path) throws {
                if !FileManager.default.fileExists(atPath: file) { FileManager.default.createFile(atPath: file, contents: nil) }
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
            }
            func count() async throws -> Int64 { try await services.matching.summary(indicatorID: panel, for: analyst).count }
            let options = MatchService.ScanOptions(writeEveryBatch: true)

            try append(lines(3, hit: true) + lines(5, hit: false))
            let follower = Task { try await services.matching.follow(path: path, format: .unbound, observer: "r1", options: options) }
            try await Self.waitFor("the first hits") { try await count() == 3 }
            // A line written in two pieces is matched once, when it is whole.
            try append("[1795651200] unbound[1:0] info: 10.0.0.2 c2-pa")
            try await Task.sleep(for: .milliseconds(400))
            try append("nel.net. A IN\n" + lines(2, hit: true))
            try await Self.waitFor("growth") { try await count() == 6 }
            // Rotation: the old file gets a last line, moves away, a new file takes the name.
            try append(lines(1, hit: true))
            try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
            try append(lines(4, hit: true))
            try await Self.waitFor("the rotated file") { try await count() == 11 }
            follower.cancel()
            _ = await follower.result

            // Written while nobody followed; a restart resumes at the checkpoint: nothing twice.
            try append(lines(2, hit: true))
            let checkpoint = try #require(try await MatchCheckpointStore(services.database.sql).find(observer: "r1", input: path))
            #expect(checkpoint.line == 4 && checkpoint.byteOffset > 0)
            let again = Task { try await services.matching.follow(path: path, format: .unbound, observer: "r1", options: options) }
            try await Self.waitFor("the lines written meanwhile") { try await count() == 13 }
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await count() == 13)
            again.cancel()
            _ = await again.result
            let raw = try await SightingStore(services.database.sql).hits(indicatorID: panel, limit: 100, scope: .system)
            // The resumed lines keep their numbers in the new file (5 and 6; the first file's lines
            // 4 to 8 did not hit).
            #expect(raw.filter { $0.line == 5 || $0.line == 6 }.count == 2)
        }
    }
}
