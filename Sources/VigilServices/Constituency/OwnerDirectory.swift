import Synchronization
import VigilCore
import VigilMatch

/// The owner map in use, swapped whole when the organisations change; read by the matcher for
/// every batch of hits and by the indicator remapping.
public final class OwnerDirectory: Sendable {
    /// One built map and the organisation ids its owner numbers stand for.
    public struct Snapshot: Sendable {
        /// The map.
        public let map: OwnerMap
        /// Organisation id of each owner number.
        public let organisationIDs: [String]
        /// What the store looked like when it was built (see `OrganisationStore.fingerprint()`).
        public let fingerprint: String

        /// The organisation owning the address a log wrote, if any.
        public func owner(ofAddressText text: String) -> String? {
            map.owner(ofAddressText: text).map { organisationIDs[Int($0)] }
        }

        /// The organisation owning the resource an indicator names, if any.
        public func owner(of value: IndicatorValue) -> String? {
            map.owner(of: value).map { organisationIDs[Int($0)] }
        }
    }

    private let state = Mutex(Snapshot(map: OwnerMap.Builder().build(), organisationIDs: [], fingerprint: ""))

    /// An empty directory: nothing is owned until the first build.
    public init() {}

    /// The map in use.
    public var current: Snapshot { state.withLock { $0 } }

    func install(_ snapshot: Snapshot) { state.withLock { $0 = snapshot } }
}
