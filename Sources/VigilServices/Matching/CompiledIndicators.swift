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
        var fingerprint: String
    }

    private let current = Mutex(Generation(set: .empty, number: 0, fingerprint: ""))

    /// An empty holder.
    public init() {}

    /// The current generation.
    public var generation: Generation { current.withLock { $0 } }

    /// The current set.
    public var set: IndicatorSet { current.withLock { $0.set } }

    /// Installs `set` as the next generation and returns its number.
    @discardableResult
    func install(_ set: IndicatorSet, fingerprint: String) -> Int {
        current.withLock { generation in
            generation = Generation(set: set, number: generation.number + 1, fingerprint: fingerprint)
            return generation.number
        }
    }
}
