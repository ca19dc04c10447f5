import Foundation
import Testing
import VigilCore
import VigilStore
@testable import VigilServices
import VigilTestSupport

@Suite("Constituency and notices, on SQLite and PostgreSQL")
struct ConstituencyServiceTests {
    static let organisations = """
        name,language,notice_period,asns,prefixes,domains,contacts
        ISP One,en,hourly,AS64500,198.51.100.0/25;10.0.0.0/24,isp-one.example,abuse@isp-one.example
        Water,zh,daily,,10.0.1.0/24,water.example,soc@water.example
        Silent Org,en,hourly,,10.0.2.0/24,,
        Bad Org,en,hourly,,10.0.3.0/33,,
        """

    @Test(arguments: TestDatabases.kinds)
    func importMapsIndicatorsAndSightingsToTheirOwners(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            try await BlocklistServiceTests.feed(services, analyst, name: "c2", reliability: 80, threat: .c2, [
                "c2-evil.net", "198.51.100.9", "mail.water.example", "198.51.100.200",
            ])
            let report = try await services.constituency.importOrganisations(Array(Self.organisations.utf8), actor: "admin")
            #expect(report.created == 3 && report.updated == 0 && report.problems.count == 1)
            #expect(report.problems[0].hasPrefix("line 5, field prefixes:"))
            #expect(report.remapped == 2)  // 198.51.100.9 → ISP One, mail.water.example → Water; .200 is outside the /25
            let isp = try #require(try await OrganisationStore(services.database.sql).find(name: "ISP One"))
            let water = try #require(try await OrganisationStore(services.database.sql).find(name: "Water"))
            let listed = try await IndicatorStore(services.database.sql).find(type: .ipv4, value: "198.51.100.9", scope: .system)
            #expect(listed?.constituencyOrganisationID == isp.id)

            // The routing table extends ISP One's AS to 198.51.100.128/25: .200 changes owner.
            let routes = Array("198.51.100.128\t25\t64500\n203.0.113.0\t24\t64999\n".utf8)
            let routed = try await services.constituency.importRoutingTable(routes, actor: "admin")
            #expect(routed.routes == 2 && routed.remapped == 1)

            // Sightings are filed under the client's organisation, its address kept in clear for the notice.
            let hour = 1_795_651_200
            var log = MatchServiceTests.unbound("10.0.0.5", "c2-evil.net", at: hour) + MatchServiceTests.unbound("10.0.0.5", "c2-evil.net", at: hour + 5)
            log += MatchServiceTests.unbound("10.0.1.9", "c2-evil.net", at: hour + 10) + MatchServiceTests.unbound("172.16.0.1", "c2-evil.net", at: hour + 20)
            log += MatchServiceTests.unbound("10.0.2.2", "c2-evil.net", at: hour + 30)
            _ = try await services.matching.scan(.bytes(Array(log.utf8)), format: .unbound, observer: "resolver-1")
            let ispOperator = try await services.users.createUser(
                username: "isp-op", password: "isp-op-test-pass", organisationID: isp.id, role: .operator, by: nil).principal
            let waterUser = try await services.users.createUser(
                username: "water-user", password: "water-test-pass", organisationID: water.id, role: .constituent, by: nil).principal
            let seenByISP = try await services.matching.sightings(indicatorID: nil, observer: nil, before: nil, limit: 100, for: ispOperator)
            #expect(seenByISP.map(\.organisationID) == [isp.id] && seenByISP[0].count == 2)
            let seenByWater = try await services.matching.sightings(indicatorID: nil, observer: nil, before: nil, limit: 100, for: waterUser)
            #expect(seenByWater.map(\.organisationID) == [water.id])
            let all = try await services.matching.sightings(indicatorID: nil, observer: nil, before: nil, limit: 100, for: analyst)
            #expect(all.count == 4 && all.filter { $0.organisationID == nil }.count == 1)  // unowned: kept and counted

            // One notice per organisation with contacts; a RED indicator of another organisation stays out.
            _ = try await services.indicators.create(
                NewIndicator(type: .domain, value: "red-evil.net", tlp: .red, threatType: .c2, confidence: 90), by: analyst)
            _ = try await services.matching.reload()
            _ = try await services.matching.scan(
                .bytes(Array(MatchServiceTests.unbound("10.0.0.6", "red-evil.net", at: hour + 40).utf8)), format: .unbound, observer: "resolver-1")
            let later = Clock.nowMillis() + 2 * 86_400_000
            let composed = try await services.notices.compose(now: later)
            #expect(composed.withheld == 1 && composed.undeliverable == 1)
            let notices = try await services.notices.list(for: analyst)
            #expect(notices.count == 2 && Set(notices.map(\.organisationID)) == [isp.id, water.id])
            let ispNotice = try #require(notices.first { $0.organisationID == isp.id })
            #expect(ispNotice.channel == .email && ispNotice.recipients == "abuse@isp-one.example" && ispNotice.eventCount == 3)
            #expect(ispNotice.attachment.contains(",c2-evil.net,") && ispNotice.attachment.contains(",10.0.0.5,2\r\n"))
            #expect(!ispNotice.attachment.contains("red-evil.net") && !ispNotice.attachment.contains("10.0.1.9"))
            let waterNotice = try #require(notices.first { $0.organisationID == water.id })
            #expect(waterNotice.language == .zh && waterNotice.subject.contains("安全通知") && waterNotice.body.contains("10.0.1.9"))

            // Composing again queues nothing twice; each reader sees its own organisation's notices only.
            #expect(try await services.notices.compose(now: later).notices == 0)
            #expect(try await services.notices.list(for: ispOperator).map(\.id) == [ispNotice.id])
            await #expect(throws: ServiceError.self) { try await services.notices.find(id: waterNotice.id, for: ispOperator) }
            await #expect(throws: ServiceError.self) { try await services.constituency.find(id: water.id, for: ispOperator) }

            // An indicator added later gets its owner at the next refresh, without a full remap.
            let added = try await services.indicators.create(
                NewIndicator(type: .ipv4, value: "198.51.100.10", tlp: .green, threatType: .c2, confidence: 80), by: analyst)
            let incremental = try #require(try await services.constituency.refresh())
            #expect(!incremental.full && incremental.changed == 1)
            #expect(try await IndicatorStore(services.database.sql).find(id: added.id, scope: .system)?.constituencyOrganisationID == isp.id)
            #expect(try await services.constituency.refresh() == nil)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anInterruptedEmailIsNotResentAndAnInterruptedWebhookIs(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, _ in
            try await OrganisationStore(services.database.sql).insert(OrganisationRecord(id: "org-x", name: "X", country: "", createdAt: 0))
            let store = NoticeStore(services.database.sql)
            let now = Clock.nowMillis()
            func notice(_ channel: NoticeChannel, _ start: Int64) -> NoticeRecord {
                NoticeRecord(id: "n-\(channel)-\(start)", organisationID: "org-x", channel: channel, periodStart: start, periodEnd: start + 1,
                             language: .en, recipients: "a@x.example", subject: "s", body: "b", attachment: "", eventCount: 1, createdAt: now)
            }
            try await store.insert([notice(.email, 1), notice(.email, 2), notice(.webhook, 1)])
            try await store.insert([notice(.email, 1)])  // the same period again: kept once
            #expect(try await store.list(organisationID: "org-x", status: nil, before: nil, limit: 10).count == 3)
            #expect(try await store.transition(id: "n-email-1", from: .queued, to: .sending, at: now, countAttempt: true))
            #expect(try await store.transition(id: "n-email-1", from: .sending, to: .committing, at: now))
            #expect(try await store.transition(id: "n-email-2", from: .queued, to: .sending, at: now, countAttempt: true))
            #expect(try await store.transition(id: "n-webhook-1", from: .queued, to: .sending, at: now, countAttempt: true))
            #expect(try await store.transition(id: "n-webhook-1", from: .sending, to: .committing, at: now))
            #expect(try await !store.transition(id: "n-webhook-1", from: .queued, to: .sending, at: now))  // already claimed
            #expect(try await services.notices.recoverInterrupted() == 3)
            let after = Dictionary(uniqueKeysWithValues: try await store.list(organisationID: nil, status: nil, before: nil, limit: 10).map { ($0.id, $0) })
            #expect(after["n-email-1"]?.status == .unconfirmed && after["n-email-1"]?.lastError.contains("not resent") == true)
            #expect(after["n-email-2"]?.status == .queued && after["n-webhook-1"]?.status == .queued)
            #expect(after["n-email-2"]?.attempts == 1)
        }
    }
}
