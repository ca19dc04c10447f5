import VigilStore

/// One break in the audit chain.
public struct AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// What kind of tampering the break shows.
    public enum Kind: String, Sendable, Equatable {
        /// The entry's content no longer matches its hash.
        case changed
        /// Entries are missing (a gap in the sequence, or the tail is shorter than the head says).
        case removed
        /// The entry is intact but stands at the wrong position.
        case reordered
    }

    /// The kind.
    public let kind: Kind
    /// The position where the break shows.
    public let seq: Int64
    /// A sentence for the operator.
    public let message: String

    public var description: String { "seq \(seq): \(kind.rawValue): \(message)" }
}

/// The outcome of walking the chain.
public struct AuditVerification: Sendable {
    /// Entries read.
    public let checked: Int
    /// Breaks found, in chain order; empty when the chain is intact.
    public let problems: [AuditProblem]
    /// Whether the chain is intact.
    public var isIntact: Bool { problems.isEmpty }
}

/// Walks the audit chain and says which entry was changed, removed or reordered.
public struct AuditVerifier: Sendable {
    private let database: VigilDatabase

    /// A verifier for `database`.
    public init(database: VigilDatabase) { self.database = database }

    /// Verifies the whole chain.
    public func verify() async throws -> AuditVerification {
        let store = AuditStore(database.sql)
        var entries: [AuditRecord] = []
        var after: Int64 = 0
        while true {
            let page = try await store.entries(afterSeq: after, limit: 5000)
            guard let last = page.last else { break }
            entries.append(contentsOf: page)
            after = last.seq
        }
        var problems = Self.check(entries)
        if let head = try await store.head(), head.seq > (entries.last?.seq ?? 0) {
            let lastSeq = entries.last?.seq ?? 0
            problems.append(AuditProblem(
                kind: .removed, seq: lastSeq + 1,
                message: "entries \(lastSeq + 1)…\(head.seq) are missing from the end of the log"))
        }
        return AuditVerification(checked: entries.count, problems: problems)
    }

    /// The breaks in `entries` (sorted by seq).
    static func check(_ entries: [AuditRecord]) -> [AuditProblem] {
        var problems: [AuditProblem] = []
        let seqByHash = Dictionary(entries.map { ($0.hash, $0.seq) }, uniquingKeysWith: { first, _ in first })
        var previousHash = AuditStore.genesisHash
        var expectedSeq: Int64 = 1
        for entry in entries {
            let recomputed = AuditLog.hash(
                prevHash: entry.prevHash, at: entry.at, actor: entry.actor, action: entry.action,
                target: entry.target, details: entry.details)
            if entry.seq > expectedSeq {
                problems.append(AuditProblem(
                    kind: .removed, seq: expectedSeq,
                    message: "entries \(expectedSeq)…\(entry.seq - 1) are missing"))
            }
            if recomputed != entry.hash {
                problems.append(AuditProblem(
                    kind: .changed, seq: entry.seq,
                    message: "content of \"\(entry.action)\" by \(entry.actor) no longer matches its hash"))
            } else if entry.prevHash != previousHash, entry.seq <= expectedSeq {
                let follows = seqByHash[entry.prevHash].map { "it belongs after seq \($0)" } ?? "its predecessor is gone"
                problems.append(AuditProblem(
                    kind: seqByHash[entry.prevHash] == nil ? .removed : .reordered, seq: entry.seq,
                    message: "entry is out of place: \(follows)"))
            }
            previousHash = entry.hash
            expectedSeq = entry.seq + 1
        }
        return problems
    }
}
