import Foundation
import Testing
import VigilCore
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Orders, on SQLite and PostgreSQL")
struct OrderServiceTests {
    static let hour: Int64 = 3_600_000

    /// Two operator organisations with one operator each, and a constituent.
    static func operators(_ services: ServiceContainer) async throws -> (isp: Principal, other: Principal, constituent: Principal) {
        for (id, name) in [("org-isp", "ISP One"), ("org-other", "Other ISP")] {
            try await OrganisationStore(services.database.sql).insert(OrganisationRecord(id: id, name: name, country: "XA", createdAt: 0))
        }
        let isp = try await services.users.createUser(
            username: "isp-op", password: "isp-operator-pass", organisationID: "org-isp", role: .operator, by: nil)
        let other = try await services.users.createUser(
            username: "other-op", password: "other-operator-pass", organisationID: "org-other", role: .operator, by: nil)
        let constituent = try await services.users.createUser(
            username: "isp-c", password: "isp-constituent-pass", organisationID: "org-isp", role: .constituent, by: nil)
        return (isp.principal, other.principal, constituent.principal)
    }

    static func order(to addressees: [String], deadline: Date = Date().addingTimeInterval(86_400),
                      resources: [String] = ["bad-host.net", "45.9.148.7"]) -> NewOrder {
        NewOrder(reference: "CERT-2026-0042", action: .stopResolution, legalBasis: "Act 12 §4", tlp: .amber,
                 deadline: deadline, addressees: addressees, resources: resources)
    }

    @Test(arguments: TestDatabases.kinds)
    func anOrderGoesFromIssueToCompletion(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            let (isp, other, _) = try await Self.operators(services)
            let issued = try await services.orders.create(Self.order(to: ["ISP One", "org-other"]), by: analyst)
            #expect(issued.addressees.map(\.organisationID) == ["org-isp", "org-other"])
            #expect(issued.addressees.allSatisfy { $0.status == .issued })

            let acknowledged = try await services.orders.answer(issued.id, with: .acknowledged, by: isp)
            #expect(acknowledged.addressees.map(\.status) == [.acknowledged], "an operator sees only its own answer")
            let completed = try await services.orders.answer(issued.id, with: .completed, note: "RPZ updated 14:02", by: isp)
            #expect(completed.addressees.first?.note == "RPZ updated 14:02")
            #expect(completed.addressees.first?.completedAt != nil)
            let rejected = try await services.orders.answer(issued.id, with: .rejected, note: "not our customer", by: other)
            #expect(rejected.addressees.map(\.status) == [.rejected])

            let seenByStaff = try await services.orders.get(issued.id, for: analyst)
            #expect(seenByStaff.addressees.map(\.status) == [.completed, .rejected])
            await #expect(throws: ServiceError.self) {
                try await services.orders.answer(issued.id, with: .rejected, note: "changed my mind", by: isp)
            }
            let actions = try await AuditStore(services.database.sql).entries(afterSeq: 0, limit: 1_000).map(\.action)
            #expect(actions.filter { $0.hasPrefix("order.") } == ["order.issued", "order.acknowledged", "order.completed", "order.rejected"])
            #expect(try await services.auditVerifier.verify().isIntact)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func eachOperatorSeesOnlyItsOwnOrders(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            let (isp, other, constituent) = try await Self.operators(services)
            let forISP = try await services.orders.create(Self.order(to: ["ISP One"]), by: analyst)
            let forOther = try await services.orders.create(Self.order(to: ["Other ISP"]), by: analyst)
            #expect(try await services.orders.list(for: isp).map(\.id) == [forISP.id])
            #expect(try await services.orders.list(for: other).map(\.id) == [forOther.id])
            #expect(try await services.orders.list(for: constituent).isEmpty)
            #expect(Set(try await services.orders.list(for: analyst).map(\.id)) == [forISP.id, forOther.id])
            await #expect(throws: ServiceError.self) { try await services.orders.get(forOther.id, for: isp) }
            await #expect(throws: ServiceError.self) {
                try await services.orders.answer(forOther.id, with: .acknowledged, by: isp)
            }
            await #expect(throws: ServiceError.self) { try await services.orders.create(Self.order(to: ["ISP One"]), by: isp) }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func overdueOrdersEscalateAndCountInTheStatistics(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            let (isp, other, _) = try await Self.operators(services)
            let now = Clock.nowMillis()
            let order = try await services.orders.create(
                Self.order(to: ["ISP One", "Other ISP"], deadline: Date(timeIntervalSince1970: Double(now + 2 * Self.hour) / 1000)),
                by: analyst, now: now)
            _ = try await services.orders.answer(order.id, with: .completed, note: "done", by: isp, now: now + Self.hour)
            #expect(try await services.orders.escalateOverdue(now: now + Self.hour) == 0, "not yet due")
            #expect(try await services.orders.escalateOverdue(now: now + 3 * Self.hour) == 1, "only the open answer")
            #expect(try await services.orders.escalateOverdue(now: now + 4 * Self.hour) == 0, "escalates once")
            #expect(try await services.orders.get(order.id, for: other).addressees.first?.status == .escalated)
            // Late, but still answerable.
            _ = try await services.orders.answer(order.id, with: .completed, note: "late", by: other, now: now + 5 * Self.hour)

            let stats = try await services.orders.statistics(for: analyst)
            #expect(stats.map(\.organisation) == ["ISP One", "Other ISP"])
            #expect(stats[0].completed == 1 && stats[0].escalated == 0 && stats[0].medianHoursToComplete == 1)
            #expect(stats[1].completed == 1 && stats[1].escalated == 1 && stats[1].overdueNow == 0)
            #expect(stats[1].medianHoursToComplete == 5)
            await #expect(throws: ServiceError.self) { try await services.orders.statistics(for: isp) }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func badOrdersAreRefusedWithTheField(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            _ = try await Self.operators(services)
            let cases: [(NewOrder, String)] = [
                (Self.order(to: ["No Such Org"]), "addressees[0]"),
                (Self.order(to: []), "addressees"),
                (Self.order(to: ["ISP One"], deadline: Date().addingTimeInterval(-60)), "deadline"),
                (Self.order(to: ["ISP One"], resources: []), "resources"),
                (Self.order(to: ["ISP One"], resources: ["bad-host.net", "8.8.8.8"]), "resources[1]"),
                (Self.order(to: ["ISP One"], resources: [String(repeating: "a", count: 3_000)]), "resources[0]"),
                (NewOrder(reference: " ", action: .block, deadline: Date().addingTimeInterval(60), addressees: ["ISP One"],
                          resources: ["x"]), "reference"),
                (NewOrder(reference: "R", action: .block, deadline: Date().addingTimeInterval(60), addressees: ["ISP One"],
                          indicatorIDs: ["no-such-indicator"]), "indicator_ids[0]"),
            ]
            for (order, field) in cases {
                do {
                    _ = try await services.orders.create(order, by: analyst)
                    Issue.record("accepted an order with a bad \(field)")
                } catch ServiceError.invalid(let reported, let message) {
                    #expect(reported == field, "\(message)")
                }
            }
            #expect(try await services.orders.list(for: analyst).isEmpty, "nothing half-stored")
        }
    }
}
