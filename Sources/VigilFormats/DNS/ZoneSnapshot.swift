import VigilCore

/// One version of an RPZ zone as a primary serves it over DNS: its SOA, the CNAME target every
/// trigger points to, and the trigger owners, sorted so two versions compare in one pass.
public struct ZoneSnapshot: Sendable {
    /// The zone's origin, `NAME.rpz.vigil.`
    public let origin: String
    /// The origin in wire form.
    public let apex: [UInt8]
    /// The SOA of this version.
    public let soa: StartOfAuthority
    /// The CNAME data every trigger carries (the policy's action).
    public let target: [UInt8]
    /// The trigger owners relative to the origin, in wire form, sorted, each once.
    public let owners: PackedNames

    /// The version.
    public var serial: UInt32 { soa.serial }

    /// A zone without records (the root, serial 0), a placeholder where no zone applies.
    static let empty = ZoneSnapshot(
        origin: ".", apex: [0], soa: StartOfAuthority(serial: 0, minimum: 0), target: [0], owners: PackedNames())

    /// Collects a policy's entries into a snapshot, with the same triggers as ``RPZZone``.
    public struct Builder {
        private let policy: BlocklistPolicy
        private let ttl: UInt32
        private var triggers = RPZTriggers()
        private var owners = PackedNames()
        /// Owners that cannot be a DNS name (a label over 63 bytes); left out and counted.
        public private(set) var skipped = 0

        /// A builder for `policy`'s zone.
        public init(policy: BlocklistPolicy, ttl: UInt32 = 300) {
            self.policy = policy
            self.ttl = ttl
        }

        /// Adds one entry (entries arrive in `BlocklistEntry.exportOrder`).
        public mutating func add(_ entry: BlocklistEntry) {
            for owner in triggers.owners(for: entry) {
                guard let labels = DNSName.labels(owner) else { skipped += 1; continue }
                owners.append(labels)
            }
        }

        /// The snapshot at `serial`.
        public func finish(serial: UInt32) -> ZoneSnapshot {
            let origin = RPZZone.origin(of: policy)
            return ZoneSnapshot(
                origin: origin, apex: DNSName.wire(origin) ?? [0], soa: StartOfAuthority(serial: serial, minimum: ttl),
                target: DNSName.wire(RPZZone.target(of: policy.action)) ?? [0], owners: owners.sortedUnique())
        }
    }

    /// A NOTIFY (RFC 1996) telling a secondary that this version exists.
    public func notifyMessage(id: UInt16) -> [UInt8] {
        var message = DNSMessageBuilder(
            id: id, opcode: .notify, isResponse: false, apex: apex, type: DNSCode.RecordType.soa.rawValue)
        message.appendAnswer(relativeLabels: EmptyCollection(), type: .soa, ttl: soa.minimum, rdata: soa.rdata)
        return message.finish()
    }

    /// What changed from `older` to this version; every record when the policy's action changed.
    public func delta(from older: ZoneSnapshot) -> ZoneDelta {
        guard older.target == target else {
            return ZoneDelta(
                from: older.serial, to: serial, removed: older.owners, removedTarget: older.target, added: owners)
        }
        let (removed, added) = older.owners.difference(to: owners)
        return ZoneDelta(from: older.serial, to: serial, removed: removed, removedTarget: older.target, added: added)
    }
}

/// The records deleted and added between two serials of a zone (one IXFR difference sequence).
public struct ZoneDelta: Sendable {
    /// The older serial.
    public let from: UInt32
    /// The newer serial.
    public let to: UInt32
    /// Owners whose trigger left the zone.
    public let removed: PackedNames
    /// The CNAME data the removed triggers had.
    public let removedTarget: [UInt8]
    /// Owners whose trigger joined the zone.
    public let added: PackedNames

    /// A change from serial `from` to `to`.
    public init(from: UInt32, to: UInt32, removed: PackedNames, removedTarget: [UInt8], added: PackedNames) {
        self.from = from
        self.to = to
        self.removed = removed
        self.removedTarget = removedTarget
        self.added = added
    }

    /// Records deleted plus records added.
    public var changeCount: Int { removed.count + added.count }
}
