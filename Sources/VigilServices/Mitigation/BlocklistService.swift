import Crypto
import Foundation
import VigilCore
import VigilFormats
import VigilStore

/// Renders the configured blocklists (SPEC C4). The RPZ serial grows exactly when a list's
/// content changes; the ETag names the content, so an unchanged list answers 304.
public struct BlocklistService: Sendable {
    /// One rendered list.
    public struct Rendered: Sendable {
        /// The policy.
        public let policy: BlocklistPolicy
        /// The format.
        public let format: BlocklistFormat
        /// The file's text.
        public let text: String
        /// The serial of this content.
        public let serial: UInt32
        /// A strong ETag for the text.
        public let etag: String
        /// Entries on the list.
        public let entryCount: Int
    }

    private let database: VigilDatabase
    private let policies: [BlocklistPolicy]
    private let warningLists: WarningListService

    /// A service rendering `policies` from `database`.
    public init(database: VigilDatabase, policies: [BlocklistPolicy], warningLists: WarningListService) {
        self.database = database
        self.policies = policies
        self.warningLists = warningLists
    }

    /// The policies `principal` may fetch: every one for analysts and admins, for operators those
    /// naming their organisation or no organisation; none for constituents and partners.
    public func policies(for principal: Principal) async throws -> [BlocklistPolicy] {
        switch principal.role {
        case .admin, .analyst:
            return policies
        case .operator:
            let organisation = try await OrganisationStore(database.sql).find(id: principal.organisationID)?.name
            return policies.filter { $0.operators.isEmpty || organisation.map($0.operators.contains) == true }
        case .constituent, .partner:
            return []
        }
    }

    /// Renders list `name` in `format` for `principal`; `nil` when there is no such list or the
    /// principal may not fetch it (the two are not told apart).
    public func render(name: String, format: BlocklistFormat, for principal: Principal, at now: Date = Date()) async throws -> Rendered? {
        guard let policy = try await policies(for: principal).first(where: { $0.name == name }) else { return nil }
        return try await render(policy, format: format, at: now)
    }

    /// Renders `policy` in `format`.
    public func render(_ policy: BlocklistPolicy, format: BlocklistFormat, at now: Date = Date()) async throws -> Rendered {
        var writer = format.writer(for: policy)
        let (state, entryCount) = try await generate(policy, at: now) { entries in
            if var rules = writer as? SuricataRules {
                rules.useSIDs(try await Self.suricataSIDs(entries, database: database))
                writer = rules
            }
            for entry in entries { writer.add(entry) }
        }
        let serial = UInt32(truncatingIfNeeded: state.serial)
        return Rendered(
            policy: policy, format: format, text: writer.finish(serial: serial), serial: serial,
            etag: "\"\(policy.name)-\(format.rawValue)-\(state.digest.prefix(32))\"", entryCount: entryCount)
    }

    /// `policy`'s RPZ zone as a primary serves it over DNS, at the list's current serial.
    public func zoneSnapshot(_ policy: BlocklistPolicy, at now: Date = Date()) async throws -> ZoneSnapshot {
        var builder = ZoneSnapshot.Builder(policy: policy)
        let (state, _) = try await generate(policy, at: now) { entries in
            for entry in entries { builder.add(entry) }
        }
        return builder.finish(serial: UInt32(truncatingIfNeeded: state.serial))
    }

    /// Hands every entry of `policy` to `page`, a page at a time, and records the list's state: a
    /// new serial when the content's digest changed.
    private func generate(
        _ policy: BlocklistPolicy, at now: Date, page: ([BlocklistEntry]) async throws -> Void
    ) async throws -> (BlocklistStore.State, Int) {
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        // Warning lists and the allowlist are applied again here, so an entry allowed after its
        // ingestion leaves every list at the next generation.
        let lists = try await warningLists.current()
        var hasher = SHA256()
        hasher.update(data: Data("\(policy.action)\n".utf8))
        var count = 0
        try await BlocklistStore(database.sql).forEachPage(for: policy, at: millis) { rows in
            let entries = rows.filter { lists.check($0.value) == nil }
            for entry in entries { Self.hash(entry, into: &hasher) }
            count += entries.count
            try await page(entries)
        }
        let digest = Secrets.hex(hasher.finalize())
        let entryCount = count
        let state = try await database.transaction { db -> BlocklistStore.State in
            let store = BlocklistStore(db)
            let previous = try await store.state(name: policy.name)
            if let previous, previous.digest == digest { return previous }
            let next = BlocklistStore.State(
                serial: Self.nextSerial(after: previous?.serial, at: now), digest: digest, entries: entryCount,
                changedAt: millis)
            try await store.save(name: policy.name, state: next)
            try await AuditLog().record(
                actor: "system", action: "blocklist.changed", target: policy.name,
                details: ["serial": String(next.serial), "entries": String(entryCount)], on: db)
            return next
        }
        return (state, entryCount)
    }

    /// The stable sids of `entries`' rules, assigned on first use.
    static func suricataSIDs(_ entries: [BlocklistEntry], database: VigilDatabase) async throws -> [String: Int64] {
        let keys = entries.flatMap { entry in SuricataRules.kinds(for: entry.value.type).map { (entry.indicatorID, $0) } }
        return try await database.transaction { db in try await SuricataSIDStore(db).sids(for: keys) }
    }

    /// The first serial is the Unix time in seconds; each change adds one, so it only grows.
    static func nextSerial(after previous: Int64?, at now: Date) -> Int64 {
        guard let previous else { return Int64(now.timeIntervalSince1970) }
        return previous + 1
    }

    /// Adds one entry to the list's digest: every field an export shows, tab-separated.
    static func hash(_ entry: BlocklistEntry, into hasher: inout SHA256) {
        for field in [entry.value.type.rawValue, entry.value.canonical, entry.threatType.rawValue, entry.indicatorID] {
            var field = field
            field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            tab.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        withUnsafeBytes(of: Int64(entry.confidence).littleEndian) { hasher.update(bufferPointer: $0) }
    }

    private static let tab: [UInt8] = [9]
}

extension BlocklistService {
    /// The lists of `principal` that carry the indicator `indicatorID` at `now`, by the rule the list renderer applies.
    public func lists(containing indicatorID: String, for principal: Principal, at now: Int64 = Clock.nowMillis()) async throws -> [BlocklistPolicy] {
        let store = BlocklistStore(database.sql)
        var carrying: [BlocklistPolicy] = []
        for policy in try await policies(for: principal) where try await store.selects(policy, indicatorID: indicatorID, at: now) {
            carrying.append(policy)
        }
        return carrying
    }
}
