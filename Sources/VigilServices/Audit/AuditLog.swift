import Crypto
import Foundation
import SQLKit
import VigilStore

/// The append-only, hash-chained audit log (SPEC C10). Every write of every workflow records itself here,
/// in the same transaction as the change.
public struct AuditLog: Sendable {
    /// Creates the log service.
    public init() {}

    /// Appends an entry inside the caller's transaction `session`.
    @discardableResult
    public func record(
        actor: String, action: String, target: String, details: [String: String] = [:],
        on session: any SQLDatabase
    ) async throws -> AuditRecord {
        let at = Clock.nowMillis()
        let detailsJSON = Self.canonicalJSON(details)
        return try await AuditStore(session).append { previousSeq, previousHash in
            let hash = Self.hash(
                prevHash: previousHash, at: at, actor: actor, action: action, target: target, details: detailsJSON)
            return AuditRecord(
                seq: previousSeq + 1, at: at, actor: actor, action: action, target: target, details: detailsJSON,
                prevHash: previousHash, hash: hash)
        }
    }

    /// SHA-256 over the previous hash and the entry's canonical content.
    ///
    /// The position (`seq`) is deliberately not hashed: an entry moved to another position still verifies
    /// by itself, so `AuditVerifier` can tell "reordered" apart from "changed".
    public static func hash(prevHash: String, at: Int64, actor: String, action: String, target: String, details: String) -> String {
        let content = canonicalJSON([
            "action": action, "actor": actor, "at": String(at), "details": details, "prev": prevHash, "target": target,
        ])
        return Secrets.hex(SHA256.hash(data: Data(content.utf8)))
    }

    /// JSON with sorted keys and no insignificant whitespace: one byte string per content.
    static func canonicalJSON(_ object: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }
}
