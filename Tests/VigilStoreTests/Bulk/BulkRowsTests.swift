import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

@Suite("Bulk rows: one JSON bind per statement, on SQLite and PostgreSQL")
struct BulkRowsTests {
    /// Text that breaks naive JSON or SQL building: quotes, backslashes, control characters,
    /// JSON and SQL syntax, CJK and astral-plane characters.
    static let awkward = [
        #"it's "quoted" \ back\slash"#, "tab\tnew\nline\r\u{01}\u{1F}", #"]}, "x": [1, null], {"#,
        "x'); DROP TABLE indicators; --", "钓鱼网站 例子", "🦠 mal\u{200B}ware", "",
    ]

    @Test func rowsAreValidJSONThatGivesBackEveryValue() throws {
        var rows = BulkRows()
        for (index, text) in Self.awkward.enumerated() {
            rows.beginRow()
            rows.add(text)
            rows.add(Int64(index) - 3)
            rows.add(nil as String?)
            rows.endRow()
        }
        #expect(rows.count == Self.awkward.count)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(rows.json.utf8)) as? [[Any]])
        #expect(parsed.map { $0[0] as? String } == Self.awkward)
        #expect(parsed.map { ($0[1] as? NSNumber)?.intValue } == Self.awkward.indices.map { $0 - 3 })
        #expect(parsed.allSatisfy { $0[2] is NSNull })
        let array = try #require(try JSONSerialization.jsonObject(with: Data(BulkRows.jsonArray(Self.awkward).utf8)) as? [String])
        #expect(array == Self.awkward)
        #expect(BulkRows().json == "[]")
    }

    @Test func nulCharactersAreDropped() throws {
        let array = try JSONSerialization.jsonObject(with: Data(BulkRows.jsonArray(["a\u{0}b"]).utf8)) as? [String]
        #expect(array == ["ab"])
    }

    @Test(arguments: TestDatabases.kinds)
    func bulkInsertStoresEveryValueVerbatim(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            try await StoreFixtures.organisations(database, ids: ["a"])
            var records = Self.awkward.enumerated().map { index, text in
                var record = StoreFixtures.indicator("i\(index)", value: "v\(index)-\(text)", tags: [text, "t"])
                record.description = text
                record.validUntil = index % 2 == 0 ? nil : Int64(index) * 1_000
                return record
            }
            records[0].suppressedBy = "top-sites"
            let batch = records
            try await database.transaction { db in try await IngestStore(db).insert(batch) }
            let store = IndicatorStore(database.sql)
            for record in records {
                let found = try #require(try await store.find(type: .domain, value: record.value, scope: .system))
                #expect(found.id == record.id)
                #expect(found.description == record.description)
                #expect(found.tags.sorted() == record.tags.sorted())
                #expect(found.validUntil == record.validUntil)
                #expect(found.suppressedBy == record.suppressedBy)
                #expect(found.confidence == record.confidence)
                // A search by value alone (no type) finds it too, through the (type, value) key.
                #expect(try await store.search(IndicatorQuery(value: record.value), scope: .system).items.map(\.id) == [record.id])
            }
            let keys = records.map { IndicatorValue(trustedType: .domain, canonical: $0.value) }
                + [IndicatorValue(trustedType: .ipv4, canonical: records[1].value)]
            let existing = try await IngestStore(database.sql).existing(keys)
            #expect(existing.count == records.count, "the same text under another type is another indicator")
            #expect(Set(existing.values.map(\.id)) == Set(records.map(\.id)))
        }
    }
}
