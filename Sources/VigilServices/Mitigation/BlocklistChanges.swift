/// Tells whoever serves the blocklists that they may have changed (an appeal, an allowlist
/// change), so zones are rebuilt at once instead of at the next periodic check. Bursts of
/// signals coalesce into one.
public final class BlocklistChanges: Sendable {
    /// One element per (coalesced) change; a single consumer iterates it.
    public let signals: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    /// A new channel of change signals.
    public init() {
        (signals, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Signals a possible change.
    public func signal() {
        continuation.yield()
    }
}
