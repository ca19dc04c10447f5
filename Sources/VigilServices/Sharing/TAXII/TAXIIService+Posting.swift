import Foundation
import VigilCore
import VigilStore

extension TAXIIService {
    /// A status resource (TAXII 2.1 §4.3.1).
    public struct Status: Sendable {
        public var id: String
        public var total: Int
        public var success: Int
        public var failure: Int
        /// (object id, version, message) of the objects that failed.
        public var failures: [(id: String, message: String)]
        /// Ids of the objects that succeeded.
        public var successes: [String]
        public var requestTimestamp: Int64
    }

    /// Ingests the objects a partner posts to its collection (a TAXII envelope) through its own
    /// source; each object's outcome goes in the status resource.
    public func add(_ collectionID: String, envelope bytes: [UInt8], by principal: Principal) async throws -> Status {
        let collection = try await collection(collectionID, for: principal)
        guard collection.canWrite else { throw ServiceError.forbidden("collection \(collectionID) cannot be written by you") }
        guard let envelope = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let objects = envelope["objects"] as? [[String: Any]] else {
            throw ServiceError.invalid(field: "objects", message: "a TAXII envelope: {\"objects\": [...]}")
        }
        let source = try await postingSource(for: principal)
        let bundle: [String: Any] = ["type": "bundle", "id": "bundle--" + UUID().uuidString.lowercased(), "objects": objects]
        let data = try JSONSerialization.data(withJSONObject: bundle)
        let report = try await ingest.run(source: source, input: .bytes(Array(data)), actor: principal.username)
        let rejected = Dictionary(report.rejections.map { ($0.location.objectID ?? "", $0.reason) }) { first, _ in first }
        var status = Status(id: UUID().uuidString.lowercased(), total: objects.count, success: 0, failure: 0, failures: [],
                            successes: [], requestTimestamp: Clock.nowMillis())
        for object in objects {
            let id = (object["id"] as? String) ?? ""
            if let reason = rejected[id] { status.failures.append((id, reason)) } else { status.successes.append(id) }
        }
        status.success = status.successes.count
        status.failure = status.failures.count
        let details = try JSONSerialization.data(withJSONObject: [
            "successes": status.successes, "failures": status.failures.map { ["id": $0.id, "message": $0.message] },
        ])
        try await TAXIIStore(database.sql).saveStatus(
            id: status.id, collection: collectionID, organisationID: principal.organisationID, total: status.total,
            success: status.success, failure: status.failure, details: String(decoding: details, as: UTF8.self),
            at: status.requestTimestamp)
        return status
    }

    /// A status resource of `principal`'s organisation (not found otherwise).
    public func status(_ id: String, for principal: Principal) async throws -> Status {
        guard let stored = try await TAXIIStore(database.sql).status(id: id),
              stored.organisationID == principal.organisationID || principal.role.readsEveryOrganisation,
              let details = try? JSONSerialization.jsonObject(with: Data(stored.details.utf8)) as? [String: Any]
        else { throw ServiceError.notFound("status \(id)") }
        let failures = (details["failures"] as? [[String: String]] ?? []).map { (id: $0["id"] ?? "", message: $0["message"] ?? "") }
        return Status(id: id, total: stored.total, success: stored.success, failure: stored.failure, failures: failures,
                      successes: details["successes"] as? [String] ?? [], requestTimestamp: stored.at)
    }

    /// The partner's own push source, created on its first post (STIX, TLP:AMBER by default,
    /// reliability 50), owned by its organisation.
    private func postingSource(for principal: Principal) async throws -> SourceRecord {
        let name = "taxii-" + principal.organisationID
        if let existing = try await SourceStore(database.sql).find(name: name) { return existing }
        let record = SourceRecord(
            id: "src-" + name, name: name, kind: "push", format: "stix", options: [:], organisationID: principal.organisationID,
            reliability: 50, defaultTLP: .amber, threatType: .other, tags: ["taxii"], createdAt: Clock.nowMillis())
        try await SourceStore(database.sql).insert(record)
        return record
    }
}
