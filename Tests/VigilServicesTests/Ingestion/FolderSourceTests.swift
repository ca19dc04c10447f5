import Foundation
import Testing
import VigilCore
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Folder sources, on SQLite and PostgreSQL")
struct FolderSourceTests {
    @Test(arguments: TestDatabases.kinds)
    func newAndChangedFilesArePickedUpOnce(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-folder-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try "a1.folder-feed.net\na2.folder-feed.net\n".write(toFile: folder + "/a.txt", atomically: true, encoding: .utf8)
            try "b1.folder-feed.net\n".write(toFile: folder + "/b.txt", atomically: true, encoding: .utf8)
            try "ignored.folder-feed.net\n".write(toFile: folder + "/.hidden", atomically: true, encoding: .utf8)
            let source = try await services.sources.add(
                SourceDefinition(name: "drop-box", collector: "folder", format: "plain", location: folder), by: analyst)
            let first = try await services.ingest.collectFolder(source: source, actor: "test")
            #expect(first.map(\.run.new) == [2, 1], "both files, in name order; the hidden one is skipped")
            #expect(try await services.ingest.collectFolder(source: source, actor: "test").isEmpty, "nothing new")
            try "c1.folder-feed.net\n".write(toFile: folder + "/c.txt", atomically: true, encoding: .utf8)
            try "b1.folder-feed.net\nb2.folder-feed.net\n".write(toFile: folder + "/b.txt", atomically: true, encoding: .utf8)
            let third = try await services.ingest.collectFolder(source: source, actor: "test")
            #expect(third.map(\.run.new) == [1, 1], "the changed b.txt (one new line) and the new c.txt")
            let quiet = try await services.ingest.collect(source: source, actor: "test")
            #expect(quiet.run.status == .notModified)
            #expect(try await IndicatorStore(services.database.sql).count(scope: .system) == 5)
        }
    }
}
