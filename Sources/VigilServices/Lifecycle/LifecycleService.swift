import SQLKit
import VigilCore
import VigilStore

/// The expiry job: active indicators whose validity ended or whose score decayed away become `expired`,
/// each with a history entry, and each batch with an audit entry.
public struct LifecycleService: Sendable {
    /// What one run did.
    public struct ExpiryReport: Sendable, Codable {
        /// Active indicators examined.
        public var examined = 0
        /// Expired because `valid_until` passed.
        public var validityEnded = 0
        /// Expired because the decayed score fell below the threshold.
        public var decayed = 0
    }

    private let database: VigilDatabase

    /// Creates the service.
    public init(database: VigilDatabase) { self.database = database }

    /// Expires what is due at `now` (epoch milliseconds; defaults to the present). Admins, analysts or Vigil itself.
    public func expire(now: Int64 = Clock.nowMillis(), by principal: Principal?) async throws -> ExpiryReport {
        if let principal, !principal.role.canWriteIndicators { throw ServiceError.forbidden("role \(principal.role) cannot run expiry") }
        var report = ExpiryReport()
        var afterID = ""
        while true {
            let rows = try await database.sql.select().columns("id", "type", "confidence", "last_seen", "valid_until")
                .from("indicators").where("status", .equal, IndicatorStatus.active.rawValue).where("id", .greaterThan, afterID)
                .orderBy("id").limit(2000).all()
            guard let last = rows.last else { break }
            afterID = try last.decode(column: "id", as: String.self)
            report.examined += rows.count
            var due: [(id: String, reason: String)] = []
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                guard let type = IndicatorType(rawValue: try row.decode(column: "type", as: String.self)) else { continue }
                if let validUntil = try row.decode(column: "valid_until", as: Int64?.self), validUntil <= now {
                    due.append((id, "validity window ended"))
                    report.validityEnded += 1
                    continue
                }
                let score = Decay.score(
                    confidence: Int(try row.decode(column: "confidence", as: Int64.self)), type: type,
                    lastSeen: try row.decode(column: "last_seen", as: Int64.self), now: now)
                if score < Decay.expiryThreshold {
                    due.append((id, "score decayed to \(Int(score)) (half-life \(Int(Decay.halfLifeDays(type))) days)"))
                    report.decayed += 1
                }
            }
            guard !due.isEmpty else { continue }
            let actor = principal?.username ?? "system"
            let batch = due
            try await database.transaction { db in
                for chunk in stride(from: 0, to: batch.count, by: 400).map({ Array(batch[$0..<min($0 + 400, batch.count)]) }) {
                    try await db.update("indicators").set("status", to: IndicatorStatus.expired.rawValue)
                        .set("updated_at", to: now).where("id", .in, chunk.map(\.id))
                        .where("status", .equal, IndicatorStatus.active.rawValue).run()
                }
                try await IngestStore(db).insert(batch.map {
                    HistoryRecord(id: Secrets.newID(), indicatorID: $0.id, at: now, actor: actor, change: "expired", details: $0.reason)
                })
                try await AuditLog().record(
                    actor: actor, action: "indicator.expire", target: "\(batch.count) indicators",
                    details: ["first": batch[0].id, "count": String(batch.count)], on: db)
            }
        }
        return report
    }
}
