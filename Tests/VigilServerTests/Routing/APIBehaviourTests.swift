import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import VigilCore
@testable import VigilServer
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("API answers: problems, validation, pagination, limits")
struct APIBehaviourTests {
    @Test func badInputGetsProblemDetailsNamingTheField() async throws {
        try await ServerHarness.run { harness in
            let cases: [(body: String, status: Int, field: String?)] = [
                ("{not json", 400, nil),
                ("{\"value\":\"evil.example\"}", 400, "threat_type"),
                ("{\"value\":\"1.2.3.04\",\"type\":\"ipv4\",\"threat_type\":\"c2\"}", 422, "value"),
                ("{\"value\":\"evil.example\",\"threat_type\":\"c2\",\"confidence\":101}", 422, "confidence"),
                ("{\"value\":\"evil.example\",\"threat_type\":\"c2\",\"tlp\":\"PURPLE\"}", 400, "tlp"),
            ]
            for item in cases {
                let response = try await harness.request(.post, "/api/v1/indicators", as: "analyst", json: item.body)
                #expect(response.status.code == item.status, "\(item.body): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try #require(try response.json() as? [String: Any])
                #expect(problem["status"] as? Int == item.status)
                #expect((problem["detail"] as? String)?.isEmpty == false)
                if let field = item.field { #expect(problem["field"] as? String == field, "\(item.body)") }
            }
            let first = try await harness.request(.post, "/api/v1/indicators", as: "analyst",
                                                  json: "{\"value\":\"DUP.example.\",\"threat_type\":\"c2\"}")
            #expect(first.status == .created)
            let created = try #require(try first.json() as? [String: Any])
            #expect(created["value"] as? String == "dup.example", "stored in canonical form")
            let again = try await harness.request(.post, "/api/v1/indicators", as: "analyst",
                                                  json: "{\"value\":\"dup.example\",\"threat_type\":\"c2\"}")
            #expect(again.status == .conflict)
        }
    }

    @Test func searchFiltersAndCursorPagination() async throws {
        try await ServerHarness.run { harness in
            var ids: [String] = []
            var uri = "/api/v1/indicators?type=ipv4&limit=250"
            var pages = 0
            while true {
                let response = try await harness.request(.get, uri, as: "analyst")
                #expect(response.status == .ok)
                let page = try #require(try response.json() as? [String: Any])
                let items = try #require(page["items"] as? [[String: Any]])
                #expect(items.allSatisfy { $0["type"] as? String == "ipv4" })
                ids += items.compactMap { $0["id"] as? String }
                pages += 1
                guard let next = page["next_cursor"] as? String else { break }
                uri = "/api/v1/indicators?type=ipv4&limit=250&cursor=\(next)"
            }
            #expect(pages >= 2)
            #expect(Set(ids).count == ids.count, "no row twice")
            let expected = try await IndicatorStore(harness.services.database.sql).search(
                IndicatorQuery(type: .ipv4, limit: 1000),
                scope: .principal(try #require(try await UserStore(harness.services.database.sql).find(username: "analyst")).principal))
            #expect(ids.count == expected.items.count)

            let known = try #require(expected.items.first?.value)
            let exact = try await harness.request(.get, "/api/v1/indicators?type=ipv4&value=\(known)", as: "analyst")
            let exactItems = try #require((try exact.json() as? [String: Any])?["items"] as? [[String: Any]])
            #expect(exactItems.count == 1)
            let bad = try await harness.request(.get, "/api/v1/indicators?tlp=PURPLE", as: "analyst")
            #expect(bad.status.code == 422)
            #expect((try bad.json() as? [String: Any])?["field"] as? String == "tlp")
            let badCursor = try await harness.request(.get, "/api/v1/indicators?cursor=%%%", as: "analyst")
            #expect(badCursor.status.code == 422 || badCursor.status.code == 400)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await ServerHarness.run { harness in
            let limit = harness.services.configuration.server.maxBodyBytes
            let huge = "{\"value\":\"" + String(repeating: "a", count: limit + 10) + "\",\"threat_type\":\"c2\"}"
            let response = try await harness.request(.post, "/api/v1/indicators", as: "analyst", json: huge)
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test func healthReadinessAndMetrics() async throws {
        try await ServerHarness.run { harness in
            #expect(try await harness.request(.get, "/healthz", as: nil).status == .ok)
            let ready = try await harness.request(.get, "/readyz", as: nil)
            #expect(ready.status == .ok)
            #expect(ready.text.contains("sqlite"))
            _ = try await harness.request(.get, "/api/v1/users/me", as: "admin")
            let metrics = try await harness.request(.get, "/metrics", as: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("hb_requests"), "request counter exported")
            #expect(metrics.text.contains("vigil_db_pool_connections_max"))
        }
    }

    @Test func auditRoutesShowAnIntactChain() async throws {
        try await ServerHarness.run { harness in
            let verify = try await harness.request(.get, "/api/v1/audit/verify", as: "admin")
            let result = try #require(try verify.json() as? [String: Any])
            #expect(result["intact"] as? Bool == true)
            #expect((result["checked"] as? Int ?? 0) > 5)
            let log = try await harness.request(.get, "/api/v1/audit?limit=3", as: "admin")
            #expect((try log.json() as? [[String: Any]])?.count == 3)
        }
    }
}

@Suite("Push API")
struct PushAPITests {
    @Test(arguments: TestDatabases.kinds)
    func pushAnswersPerItem(kind: DatabaseKind) async throws {
        try await ServerHarness.run(kind) { harness in
            let created = try await harness.request(.post, "/api/v1/sources", as: "analyst",
                                                    json: "{\"name\":\"partner-push\",\"collector\":\"push\",\"format\":\"plain\",\"reliability\":70,\"default_tlp\":\"GREEN\"}")
            #expect(created.status == .created, "\(created.text)")
            let array = """
                [{"value":"Pushed.EXAMPLE.","threat_type":"phishing","tags":["kit"]},
                 {"value":"1.2.3.04","type":"ipv4"},
                 {"value":"pushed.example"},
                 {"type":"domain"}]
                """
            let response = try await harness.request(.post, "/api/v1/sources/partner-push/items", as: "analyst", json: array)
            #expect(response.status == .ok, "\(response.text)")
            let report = try #require(try response.json() as? [String: Any])
            let items = try #require(report["items"] as? [[String: Any]])
            #expect(items.map { $0["status"] as? String } == ["new", "rejected", "unchanged", "rejected"])
            #expect(items[1]["field"] as? String == "value")
            #expect((items[1]["error"] as? String)?.contains("leading zero") == true)
            #expect(items[3]["field"] as? String == "value")
            let run = try #require(report["run"] as? [String: Any])
            #expect(run["new"] as? Int == 1)
            #expect(run["rejected"] as? Int == 2)

            let ndjson = "{\"value\":\"pushed.example\"}\n{\"value\":\"second.example\"}\n"
            let again = try await harness.client.execute(
                uri: "/api/v1/sources/partner-push/items", method: .post,
                headers: [.authorization: "Bearer \(harness.tokens["analyst"]!)", .contentType: "application/x-ndjson"],
                body: ByteBuffer(string: ndjson))
            let againItems = try #require((try again.json() as? [String: Any])?["items"] as? [[String: Any]])
            #expect(againItems.map { $0["status"] as? String } == ["unchanged", "new"])

            let listed = try await harness.request(.get, "/api/v1/indicators?type=domain&value=pushed.example", as: "analyst")
            let found = try #require((try listed.json() as? [String: Any])?["items"] as? [[String: Any]])
            #expect(found.first?["tlp"] as? String == "GREEN")
            #expect(found.first?["tags"] as? [String] == ["kit"])

            let reports = try await harness.request(.get, "/api/v1/sources/partner-push/reports", as: "analyst")
            let runs = try #require(try reports.json() as? [[String: Any]])
            #expect(runs.count == 2)
            let runID = try #require(runs.last?["id"] as? String)
            let rejections = try await harness.request(.get, "/api/v1/imports/\(runID)/rejections", as: "analyst")
            #expect((try rejections.json() as? [[String: Any]])?.map { $0["line"] as? Int } == [2, 4])

            let otherOrg = try await harness.request(.post, "/api/v1/sources/partner-push/items", as: "operator2", json: array)
            #expect(otherOrg.status == .notFound, "another organisation's source is invisible")
            let manual = try await harness.request(.post, "/api/v1/sources/demo-analysts/items", as: "analyst", json: array)
            #expect(manual.status == .conflict)
        }
    }
}
