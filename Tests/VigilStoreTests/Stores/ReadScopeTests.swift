import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// The SQL form of the access rule must agree with `AccessRule` for every TLP, ownership,
/// recipient, sharing and constituency case, for every role.
@Suite("Read scope agrees with the access rule, on SQLite and PostgreSQL")
struct ReadScopeTests {
    @Test(arguments: TestDatabases.kinds)
    func sqlScopeMatchesAccessRule(kind: DatabaseKind) async throws {
        try await TestDatabases.withDatabase(kind) { (database: VigilDatabase) async throws -> Void in
            let orgs = ["a", "b", "c", "d"]
            try await StoreFixtures.organisations(database, ids: orgs)
            try await OrganisationStore(database.sql).share(from: "a", with: "b")
            let store = IndicatorStore(database.sql)
            var records: [IndicatorRecord] = []
            var index = 0
            for tlp in TLP.allCases {
                for owner in ["a", "c"] {
                    for constituency in [nil, "b", "d"] as [String?] {
                        for recipients in [[], ["d"]] as [[String]] {
                            let record = StoreFixtures.indicator(
                                "i\(index)", value: "v\(index).example", tlp: tlp, owner: owner,
                                constituency: constituency, recipients: recipients)
                            try await store.insert(record)
                            records.append(record)
                            index += 1
                        }
                    }
                }
            }
            let sharing: [String: Set<String>] = ["a": ["b"]]
            for org in orgs {
                for role in Role.allCases {
                    let principal = StoreFixtures.principal(org, role)
                    let expected = Set(records.filter {
                        AccessRule.canRead($0.visibility, principal: principal, ownerSharesWith: sharing[$0.ownerOrganisationID] ?? [])
                    }.map(\.id))
                    let visible = Set(try await store.search(IndicatorQuery(limit: 1000), scope: .principal(principal)).items.map(\.id))
                    #expect(visible == expected, "org \(org) role \(role)")
                    for record in records {
                        let single = try await store.find(id: record.id, scope: .principal(principal))
                        #expect((single != nil) == expected.contains(record.id), "\(record.id) for \(org)/\(role)")
                    }
                }
            }
        }
    }
}
