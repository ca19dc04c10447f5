import Foundation
import Testing
import VigilCore
import VigilFormats
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Appeals, on SQLite and PostgreSQL")
struct AppealServiceTests {
    @Test(arguments: TestDatabases.kinds)
    func anAcceptedAppealDelistsTheResourceEverywhere(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            _ = try await services.sources.add(
                SourceDefinition(name: "feed", collector: "file", format: "plain", location: "/dev/null", reliability: 90,
                                 defaultTLP: .green, threatType: .c2), by: analyst)
            _ = try await services.ingest.run(source: "feed", input: .bytes(Array("wrongly-listed.net\nstill-bad.net\n".utf8)), by: analyst)
            let policy = BlocklistPolicy(name: "dns")
            let blocklists = BlocklistService(database: services.database, policies: [policy], warningLists: services.warningLists)
            #expect(try await blocklists.render(policy, format: .txt).text == "wrongly-listed.net\nstill-bad.net\n")

            let receipt = try await services.appeals.submit(
                resource: "Wrongly-Listed.net", reason: "our shop, cleaned on 1 Dec", contactEmail: "Admin@Wrongly-Listed.net",
                clientAddress: "198.51.100.9")
            #expect(try await services.appeals.status(trackingID: receipt.trackingID).status == .received)
            let appeal = try #require(try await services.appeals.list(status: .received, for: analyst).first)
            #expect(appeal.contactEmail.lowercased() == "admin@wrongly-listed.net")

            let decided = try await services.appeals.decide(appeal.id, accept: true, reason: "verified clean", by: analyst)
            #expect(decided.status == .accepted && decided.decidedBy == "analyst")
            let seen = try await services.appeals.status(trackingID: receipt.trackingID)
            #expect(seen.status == .accepted && seen.decision == "verified clean" && seen.decidedAt != nil)
            let indicator = try #require(try await IndicatorStore(services.database.sql).find(type: .domain, value: "wrongly-listed.net", scope: .system))
            #expect(indicator.status == .falsePositive)
            #expect(try await services.warningLists.allowlist(for: analyst).map(\.entry).contains("wrongly-listed.net"))
            #expect(try await blocklists.render(policy, format: .txt).text == "still-bad.net\n", "gone at the next generation")
            await #expect(throws: ServiceError.self) {
                try await services.appeals.decide(appeal.id, accept: false, reason: "again", by: analyst)
            }
            let actions = try await AuditStore(services.database.sql).entries(afterSeq: 0, limit: 1_000).map(\.action)
            #expect(actions.contains("appeal.received") && actions.contains("appeal.accepted"))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func appealsAreBoundedRateLimitedAndPrivate(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            for index in 0..<AppealService.perAddressPerHour {
                _ = try await services.appeals.submit(resource: "r\(index).net", reason: "r", contactEmail: "a@b.net", clientAddress: "203.0.113.5")
            }
            await #expect(throws: ServiceError.self, "the sixth appeal from one address within an hour") {
                try await services.appeals.submit(resource: "r.net", reason: "r", contactEmail: "a@b.net", clientAddress: "203.0.113.5")
            }
            _ = try await services.appeals.submit(resource: "r.net", reason: "r", contactEmail: "a@b.net", clientAddress: "203.0.113.6")
            for (resource, reason, email, field) in [
                ("", "r", "a@b.net", "resource"), ("x.net", "", "a@b.net", "reason"), ("x.net", "r", "not-an-address", "contact_email"),
                (String(repeating: "x", count: 3_000), "r", "a@b.net", "resource"),
            ] {
                do {
                    _ = try await services.appeals.submit(resource: resource, reason: reason, contactEmail: email, clientAddress: "192.0.2.7")
                    Issue.record("accepted an appeal with a bad \(field)")
                } catch ServiceError.invalid(let reported, _) {
                    #expect(reported == field)
                }
            }
            await #expect(throws: ServiceError.self) { try await services.appeals.status(trackingID: "guessed") }
            let constituent = Principal(userID: "c", username: "c", organisationID: "org-cert", role: .constituent)
            await #expect(throws: ServiceError.self) { try await services.appeals.list(for: constituent) }
            #expect(try await services.appeals.list(for: analyst).count == AppealService.perAddressPerHour + 1)
        }
    }
}
