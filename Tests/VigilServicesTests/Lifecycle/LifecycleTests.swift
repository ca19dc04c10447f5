import Testing
import VigilCore
import VigilServices
import VigilStore
import VigilTestSupport

@Suite("Decay and expiry, on SQLite and PostgreSQL")
struct LifecycleTests {
    @Test func decayHalvesPerHalfLife() {
        let day: Int64 = 86_400_000
        #expect(Decay.score(confidence: 80, type: .ipv4, lastSeen: 0, now: 0) == 80)
        #expect(Decay.score(confidence: 80, type: .ipv4, lastSeen: 0, now: 14 * day) == 40)
        #expect(Decay.score(confidence: 80, type: .sha256, lastSeen: 0, now: 14 * day) > 77.5, "hashes keep for a year")
        #expect(Decay.score(confidence: 80, type: .ipv4, lastSeen: 10, now: 0) == 80, "a future last-seen does not inflate")
    }

    @Test(arguments: TestDatabases.kinds)
    func expiresWhatIsDueAndRecordsWhy(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind) { services, analyst in
            let now = Clock.nowMillis()
            let day: Int64 = 86_400_000
            let fresh = try await services.indicators.create(NewIndicator(value: "fresh.example", threatType: .c2, confidence: 80), by: analyst)
            let windowed = try await services.indicators.create(
                NewIndicator(value: "windowed.example", threatType: .c2, validUntil: now + day), by: analyst)
            let oldIP = try await services.indicators.create(NewIndicator(value: "192.0.2.44", threatType: .scanner, confidence: 80), by: analyst)
            // Two days on: the window has ended. Sixty days on: an IPv4 last seen now has decayed 80 → 4.
            let first = try await services.lifecycle.expire(now: now + 2 * day, by: analyst)
            #expect(first.validityEnded == 1)
            #expect(first.decayed == 0)
            let second = try await services.lifecycle.expire(now: now + 60 * day, by: analyst)
            #expect(second.decayed == 1)
            let store = IndicatorStore(services.database.sql)
            #expect(try await store.find(id: windowed.id, scope: .system)?.status == .expired)
            #expect(try await store.find(id: oldIP.id, scope: .system)?.status == .expired)
            #expect(try await store.find(id: fresh.id, scope: .system)?.status == .active, "a domain decays more slowly")
            let history = try await store.history(indicatorID: oldIP.id, scope: .system)
            #expect(history.last?.change == "expired")
            #expect(history.last?.details.contains("decayed") == true)
            #expect(try await services.auditVerifier.verify().isIntact)
            let operatorPrincipal = Principal(userID: "x", username: "op", organisationID: "org-cert", role: .operator)
            await #expect(throws: ServiceError.self) { try await services.lifecycle.expire(by: operatorPrincipal) }
        }
    }
}
