/// One entry of the hash-chained audit log, as stored.
public struct AuditRecord: Sendable, Codable, Hashable {
    /// Position in the chain, from 1, without gaps.
    public var seq: Int64
    /// When, epoch milliseconds.
    public var at: Int64
    /// Who acted: a username, `source:NAME` or `system`.
    public var actor: String
    /// What was done, e.g. `indicator.create`.
    public var action: String
    /// What it was done to, e.g. an indicator id.
    public var target: String
    /// Canonical JSON with the details.
    public var details: String
    /// `hash` of the previous entry (64 zeros for the first).
    public var prevHash: String
    /// SHA-256 over `prevHash` and this entry's canonical content.
    public var hash: String

    /// Creates a record.
    public init(
        seq: Int64, at: Int64, actor: String, action: String, target: String, details: String,
        prevHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.details = details
        self.prevHash = prevHash
        self.hash = hash
    }
}
