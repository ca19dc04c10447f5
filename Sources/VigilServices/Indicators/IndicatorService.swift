import Foundation
import VigilCore
import VigilStore

/// An indicator with what a reader may see about where it came from and how it changed.
public struct IndicatorDetail: Sendable {
    /// The indicator.
    public let indicator: IndicatorRecord
    /// Per-source provenance.
    public let provenance: [ProvenanceRecord]
    /// Its history, oldest first.
    public let history: [HistoryRecord]
}

/// The indicator workflows: create, read through the access rule, revoke. Every write is audited.
public struct IndicatorService: Sendable {
    private let database: VigilDatabase
    private let audit = AuditLog()

    /// Creates the service.
    public init(database: VigilDatabase) { self.database = database }

    /// Creates an indicator from raw input; analysts and admins only.
    public func create(_ input: NewIndicator, by principal: Principal) async throws -> IndicatorRecord {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot create indicators") }
        let record = try Self.record(from: input, owner: principal.organisationID, now: Clock.nowMillis())
        try await database.transaction { [audit] db in
            let store = IndicatorStore(db)
            if try await store.find(type: record.type, value: record.value, scope: .system) != nil {
                throw ServiceError.conflict("indicator \(record.type.rawValue) \(record.value) exists")
            }
            try await store.insert(record)
            try await store.appendHistory(HistoryRecord(
                id: Secrets.newID(), indicatorID: record.id, at: record.createdAt, actor: principal.username,
                change: "created", details: "tlp=\(record.tlp.rawValue) threat=\(record.threatType.rawValue)"))
            try await audit.record(
                actor: principal.username, action: "indicator.create", target: record.id,
                details: ["type": record.type.rawValue, "tlp": record.tlp.rawValue], on: db)
        }
        return record
    }

    /// One indicator with provenance and history, if `principal` may read it.
    public func detail(id: String, for principal: Principal) async throws -> IndicatorDetail {
        guard let indicator = try await IndicatorStore(database.sql).find(id: id, scope: .principal(principal)) else {
            throw ServiceError.notFound("indicator \(id)")
        }
        let provenance = try await SourceStore(database.sql).provenance(indicatorID: id)
        let history = try await IndicatorStore(database.sql).history(indicatorID: id, scope: .principal(principal))
        return IndicatorDetail(indicator: indicator, provenance: provenance, history: history)
    }

    /// A page of indicators that `principal` may read.
    public func search(_ query: IndicatorQuery, for principal: Principal) async throws -> IndicatorPage {
        try await IndicatorStore(database.sql).search(query, scope: .principal(principal))
    }

    /// Revokes an indicator; analysts and admins who can read it only.
    public func revoke(id: String, reason: String, by principal: Principal) async throws -> IndicatorRecord {
        try await setStatus(.revoked, id: id, reason: reason, action: "indicator.revoke", by: principal)
    }

    /// Marks an indicator a false positive: it leaves every list and is never re-listed silently.
    public func markFalsePositive(id: String, reason: String, by principal: Principal) async throws -> IndicatorRecord {
        try await setStatus(.falsePositive, id: id, reason: reason, action: "indicator.false-positive", by: principal)
    }

    /// Changes an indicator's TLP label: analysts of the owning organisation, or admins. A reader who
    /// was given a TLP:RED indicator must not be able to relabel it and so pass it on.
    public func changeTLP(id: String, to tlp: TLP, reason: String, by principal: Principal) async throws -> IndicatorRecord {
        try await change(id: id, by: principal) { indicator, store, now in
            guard principal.role == .admin || indicator.ownerOrganisationID == principal.organisationID else {
                throw ServiceError.forbidden("only the owning organisation changes the TLP of indicator \(id)")
            }
            guard indicator.tlp != tlp else { throw ServiceError.conflict("indicator \(id) is already \(tlp.rawValue)") }
            try await store.setTLP(id: id, tlp: tlp, at: now)
            let details = "\(indicator.tlp.rawValue) -> \(tlp.rawValue)" + (reason.isEmpty ? "" : ": \(reason)")
            indicator.tlp = tlp
            return ("tlp changed", "indicator.tlp", details)
        }
    }

    private func setStatus(
        _ status: IndicatorStatus, id: String, reason: String, action: String, by principal: Principal
    ) async throws -> IndicatorRecord {
        try await change(id: id, by: principal) { indicator, store, now in
            guard indicator.status != status else {
                throw ServiceError.conflict("indicator \(id) is already \(status.rawValue)")
            }
            try await store.setStatus(id: id, status: status, at: now)
            indicator.status = status
            return (status.rawValue, action, reason)
        }
    }

    /// Applies one analyst change to an indicator the caller can read, with its history entry and audit record.
    private func change(
        id: String, by principal: Principal,
        _ apply: @escaping @Sendable (inout IndicatorRecord, IndicatorStore, Int64) async throws -> (change: String, action: String, details: String)
    ) async throws -> IndicatorRecord {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot change indicators") }
        return try await database.transaction { [audit] db in
            let store = IndicatorStore(db)
            guard var indicator = try await store.find(id: id, scope: .principal(principal)) else {
                throw ServiceError.notFound("indicator \(id)")
            }
            let now = Clock.nowMillis()
            let (change, action, rawDetails) = try await apply(&indicator, store, now)
            let details = String(rawDetails.prefix(1000))
            try await store.appendHistory(HistoryRecord(
                id: Secrets.newID(), indicatorID: id, at: now, actor: principal.username, change: change, details: details))
            try await audit.record(actor: principal.username, action: action, target: id, details: ["reason": details], on: db)
            indicator.updatedAt = now
            return indicator
        }
    }

    /// Validates and canonicalises the input into a record owned by `owner`.
    static func record(from input: NewIndicator, owner: String, now: Int64) throws -> IndicatorRecord {
        let value: IndicatorValue
        do {
            value = try input.type.map { try IndicatorValue(parsing: input.value, as: $0) }
                ?? IndicatorValue(detecting: input.value)
        } catch {
            throw ServiceError.invalid(field: "value", message: "\(error)")
        }
        let confidence = input.confidence ?? 50
        guard (0...100).contains(confidence) else {
            throw ServiceError.invalid(field: "confidence", message: "must be between 0 and 100")
        }
        let tags = try (input.tags ?? []).map(Self.tag)
        guard tags.count <= 50 else { throw ServiceError.invalid(field: "tags", message: "at most 50 tags") }
        let description = input.description ?? ""
        guard description.count <= 4000 else {
            throw ServiceError.invalid(field: "description", message: "at most 4000 characters")
        }
        if let validUntil = input.validUntil, validUntil <= now {
            throw ServiceError.invalid(field: "valid_until", message: "must lie in the future")
        }
        return IndicatorRecord(
            id: Secrets.newID(), type: value.type, value: value.canonical, tlp: input.tlp ?? .amber,
            threatType: input.threatType, confidence: confidence, ownerOrganisationID: owner,
            constituencyOrganisationID: input.constituencyOrganisationID, description: description,
            firstSeen: now, lastSeen: now, validUntil: input.validUntil, createdAt: now, updatedAt: now,
            tags: Array(Set(tags)), recipientOrganisationIDs: Array(Set(input.recipients ?? [])))
    }

    static func tag(_ raw: String) throws -> String {
        let tag = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (1...64).contains(tag.count), tag.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) else {
            throw ServiceError.invalid(field: "tags", message: "a tag must have 1 to 64 printable characters")
        }
        return tag
    }
}
