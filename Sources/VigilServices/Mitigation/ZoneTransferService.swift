import Foundation
import VigilCore
import VigilFormats

/// The RPZ zones a DNS primary serves (SPEC C4): the current version of every blocklist's zone,
/// a journal of recent changes for IXFR, and who may transfer which zone.
///
/// `refresh` rebuilds the zones from the store; only one caller (the server's refresh loop, or a
/// test) should run it at a time.
public actor ZoneTransferService {
    /// One served zone.
    struct Zone {
        let policy: BlocklistPolicy
        var snapshot: ZoneSnapshot
        /// Consecutive changes ending at `snapshot`, oldest first.
        var journal: [ZoneDelta]
    }

    /// Most changes kept per zone; older clients get the whole zone.
    static let journalLimit = 100

    private let blocklists: BlocklistService
    private let policies: [BlocklistPolicy]
    /// The configuration section.
    public nonisolated let settings: VigilConfiguration.ZoneTransfer
    private var zones: [String: Zone] = [:]

    /// A service serving the zones of `policies`, built by `blocklists`.
    public init(blocklists: BlocklistService, policies: [BlocklistPolicy], settings: VigilConfiguration.ZoneTransfer) {
        self.blocklists = blocklists
        self.policies = policies
        self.settings = settings
    }

    /// Rebuilds every zone and returns those whose serial changed since the last refresh (all of
    /// them the first time), for NOTIFY.
    @discardableResult
    public func refresh(at now: Date = Date()) async throws -> [ZoneSnapshot] {
        var changed: [ZoneSnapshot] = []
        for policy in policies {
            let snapshot = try await blocklists.zoneSnapshot(policy, at: now)
            let origin = snapshot.origin
            guard var zone = zones[origin] else {
                zones[origin] = Zone(policy: policy, snapshot: snapshot, journal: [])
                changed.append(snapshot)
                continue
            }
            guard zone.snapshot.serial != snapshot.serial else { continue }
            zone.journal.append(snapshot.delta(from: zone.snapshot))
            zone.snapshot = snapshot
            Self.trim(&zone.journal, zoneSize: snapshot.owners.count)
            zones[origin] = zone
            changed.append(snapshot)
        }
        return changed
    }

    /// The answer to `query` from a client at `address` (text form), over TCP or UDP. A client
    /// that is not a configured secondary for the zone is refused, as is a zone not served.
    public func answer(_ query: DNSQuery, from address: String, overTCP: Bool) -> ZoneTransferMessages {
        guard let zone = zones[query.name], mayTransfer(zone.policy, from: address) else {
            return ZoneTransferMessages.error(answering: query, code: .refused)
        }
        return ZoneTransferMessages.answer(query, zone: zone.snapshot, journal: zone.journal, overTCP: overTCP)
    }

    /// The current version of the zone at `origin`.
    public func snapshot(origin: String) -> ZoneSnapshot? {
        zones[origin]?.snapshot
    }

    /// The NOTIFY targets for the zone at `origin`: secondaries with `notify` that may transfer it.
    public func notifyTargets(origin: String) -> [VigilConfiguration.ListenAddress] {
        guard let zone = zones[origin] else { return [] }
        return settings.secondaries.filter { Self.serves(zone.policy, to: $0) }.compactMap(\.notify)
    }

    private func mayTransfer(_ policy: BlocklistPolicy, from address: String) -> Bool {
        settings.secondaries.contains { $0.network.contains(address: address) && Self.serves(policy, to: $0) }
    }

    /// The feed rule of ``BlocklistService/policies(for:)``: an organisation gets the lists that
    /// name it among their operators or name no operators; a secondary without one gets all.
    static func serves(_ policy: BlocklistPolicy, to secondary: VigilConfiguration.ZoneTransfer.Secondary) -> Bool {
        guard let organisation = secondary.organisation else { return true }
        return policy.operators.isEmpty || policy.operators.contains(organisation)
    }

    /// Drops the oldest changes beyond ``journalLimit``, and while the journal holds more changed
    /// records than the zone has records (a whole zone is then the cheaper answer).
    static func trim(_ journal: inout [ZoneDelta], zoneSize: Int) {
        var total = journal.reduce(0) { $0 + $1.changeCount }
        while journal.count > journalLimit || (journal.count > 1 && total > max(zoneSize, 1000)) {
            total -= journal.removeFirst().changeCount
        }
    }
}
