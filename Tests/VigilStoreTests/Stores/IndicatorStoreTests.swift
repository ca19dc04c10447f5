import Testing
import VigilCore
import VigilStore
import VigilTestSupport

@Suite("Indicator store, on SQLite and PostgreSQL")
struct IndicatorStoreTests {
    @Test(arguments: TestDatabases.kinds)
    func insertFindAndFilter(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            let store = IndicatorStore(database.sql)
            try await store.insert(StoreFixtures.indicator("i1", value: "evil.example", tags: ["botnet", "x"]))
            try await store.insert(StoreFixtures.indicator("i2", value: "192.0.2.1", type: .ipv4, tlp: .clear))
            try await store.insert(StoreFixtures.indicator("i3", value: "evil.test", tags: ["x"]))
            let found = try await store.find(type: .domain, value: "evil.example", scope: .system)
            #expect(found?.id == "i1")
            #expect(found?.tags == ["botnet", "x"])
            #expect(try await store.search(IndicatorQuery(type: .ipv4), scope: .system).items.map(\.id) == ["i2"])
            #expect(Set(try await store.search(IndicatorQuery(tag: "x"), scope: .system).items.map(\.id)) == ["i1", "i3"])
            #expect(try await store.search(IndicatorQuery(valuePrefix: "evil.t"), scope: .system).items.map(\.id) == ["i3"])
            #expect(try await store.search(IndicatorQuery(tlp: .clear), scope: .system).items.map(\.id) == ["i2"])
            #expect(try await store.count(scope: .system) == 3)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func hostileValuesAreStoredVerbatimNotExecuted(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            let store = IndicatorStore(database.sql)
            let hostile = "x'); DROP TABLE indicators; --"
            try await store.insert(StoreFixtures.indicator("i1", value: hostile, tags: ["it's"]))
            #expect(try await store.find(type: .domain, value: hostile, scope: .system)?.tags == ["it's"])
            #expect(try await store.search(IndicatorQuery(valuePrefix: "x'"), scope: .system).items.count == 1)
            // LIKE wildcards in a prefix are literal characters, not patterns.
            #expect(try await store.search(IndicatorQuery(valuePrefix: "%"), scope: .system).items.isEmpty)
            #expect(try await store.search(IndicatorQuery(valuePrefix: "_"), scope: .system).items.isEmpty)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func cursorPaginationVisitsEveryRowOnce(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            let store = IndicatorStore(database.sql)
            // Several rows share a creation time, so the id must break ties.
            for index in 0..<25 {
                try await store.insert(StoreFixtures.indicator(
                    "i\(100 + index)", value: "host\(index).example", createdAt: StoreFixtures.now + Int64(index / 4)))
            }
            var seen: [String] = []
            var cursor: IndicatorCursor?
            var pages = 0
            repeat {
                let page = try await store.search(IndicatorQuery(limit: 10, cursor: cursor), scope: .system)
                seen += page.items.map(\.id)
                cursor = page.nextCursor.flatMap { IndicatorCursor(token: $0.token) }
                pages += 1
            } while cursor != nil
            #expect(pages == 3)
            #expect(seen.count == 25)
            #expect(Set(seen).count == 25)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func statusHistoryAndProvenance(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            let store = IndicatorStore(database.sql)
            try await store.insert(StoreFixtures.indicator("i1", value: "evil.example"))
            try await store.setStatus(id: "i1", status: .revoked, at: StoreFixtures.now + 1)
            try await store.appendHistory(HistoryRecord(id: "h1", indicatorID: "i1", at: StoreFixtures.now + 1, actor: "t", change: "revoked", details: "why"))
            #expect(try await store.find(id: "i1", scope: .system)?.status == .revoked)
            #expect(try await store.history(indicatorID: "i1", scope: .system).map(\.change) == ["revoked"])

            let sources = SourceStore(database.sql)
            try await sources.insert(SourceRecord(id: "s1", name: "feed", kind: "manual", organisationID: "a", reliability: 70, defaultTLP: .green, createdAt: StoreFixtures.now))
            try await sources.recordSeen(indicatorID: "i1", sourceID: "s1", at: StoreFixtures.now, itemID: "a-1")
            try await sources.recordSeen(indicatorID: "i1", sourceID: "s1", at: StoreFixtures.now + 5, itemID: "a-2")
            let provenance = try await sources.provenance(indicatorID: "i1")
            #expect(provenance.count == 1)
            #expect(provenance.first?.timesSeen == 2)
            #expect(provenance.first?.firstSeen == StoreFixtures.now)
            #expect(provenance.first?.lastSeen == StoreFixtures.now + 5)
            #expect(provenance.first?.itemID == "a-2")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func duplicateValueIsRejectedAndTransactionRollsBack(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            try await IndicatorStore(database.sql).insert(StoreFixtures.indicator("i1", value: "evil.example"))
            await #expect(throws: (any Error).self) {
                try await database.transaction { db in
                    try await IndicatorStore(db).insert(StoreFixtures.indicator("i2", value: "other.example"))
                    try await IndicatorStore(db).insert(StoreFixtures.indicator("i3", value: "evil.example"))
                }
            }
            #expect(try await IndicatorStore(database.sql).find(id: "i2", scope: .system) == nil, "the whole transaction rolled back")
            #expect(try await IndicatorStore(database.sql).count(scope: .system) == 1)
        }
    }
}
