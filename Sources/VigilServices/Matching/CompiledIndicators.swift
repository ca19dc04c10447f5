import Synchronization
import VigilMatch

/// The indicator set scans use now. A reload builds the next set beside it and swaps it in
/// whole; a scan takes the current one per batch of lines, so none is dropped or scanned twice.
public final class CompiledIndicators: Sendable {
    /// One compiled generation.
    public struct Generation: Sendable {
        /// The set.
        public var set: IndicatorSet
        /// Counts up with every swap (0: nothing compiled yet).
        public var number: Int
        /// What the store looked like when it was compiled (see `MatchService`).
        var fingerprint: StoreFingerprint
    }

    private let current = Mutex(Generation(set: .empty, number: 0, fingerprint: StoreFingerprint(count: 0, latestUpdate: 0)))

    /// An empty holder.
    public init() {}

    /// The current generation.
    public var generation: Generation { current.withLock { $0 } }

    /// Installs `set` as the next generation and returns its number.
    @discardableResult
    func install(_ set: IndicatorSet, fingerprint: StoreFingerprint) -> Int {
        current.withLock { generation in
            generation = Generation(set: set, number: generation.number + 1, fingerprint: fingerprint)
            return generation.number
        }
    }
}

/// The indicators table in two numbers: how many rows, and the latest update. Any insert, delete
/// or update changes one of them.
struct StoreFingerprint: Sendable, Equatable {
    var count: Int
    var latestUpdate: Int64
}
