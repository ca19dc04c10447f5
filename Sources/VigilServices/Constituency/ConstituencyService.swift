import Foundation
import VigilCore
import VigilFormats
import VigilMatch
import VigilStore

/// The constituency (SPEC C5): organisations with what they hold, imported from CSV or JSON;
/// the routing table that extends their ASes to prefixes; and the owner of every indicator
/// (its `constituency_org`) and every sighting's client, recomputed when organisations change.
public final class ConstituencyService: Sendable {
    /// What an import did.
    public struct ImportReport: Sendable, Codable, Equatable {
        /// Organisations created.
        public var created: Int = 0
        /// Organisations whose profile and resources were replaced.
        public var updated: Int = 0
        /// Every rejected record with position, field and reason.
        public var problems: [String] = []
        /// Indicators whose owner changed after the import.
        public var remapped: Int = 0
    }

    /// What a remapping did.
    public struct RemapReport: Sendable, Codable, Equatable {
        /// Indicators read.
        public var indicators: Int
        /// Indicators whose owner changed.
        public var changed: Int
        /// Indicators of an owned kind (addresses, networks, names, ASes) that no organisation owns.
        public var unowned: Int
        /// Every indicator was read (otherwise only those created since the last remap).
        public var full = true
    }

    /// The owner map the matcher and the remapping use.
    public let owners = OwnerDirectory()
    let database: VigilDatabase

    /// The service on `database`.
    public init(database: VigilDatabase) {
        self.database = database
    }

    /// Imports organisations (CSV or JSON by `format`, else by the first byte). An organisation
    /// of the same name is updated: profile and resources replaced. Bad records are reported
    /// with their position and field and the others are imported; then owners are recomputed.
    public func importOrganisations(_ data: [UInt8], format: String? = nil, actor: String) async throws -> ImportReport {
        let isJSON = format.map { $0.lowercased() == "json" } ?? (data.first { $0 > 0x20 }.map { $0 == 0x5B || $0 == 0x7B } ?? false)
        let read = isJSON
            ? OrganisationJSONReader.read(data)
            : OrganisationCSVReader.read(String(decoding: data, as: UTF8.self))
        var report = try await database.transaction { db in
            var report = ImportReport(problems: read.problems.map(\.description))
            var seen = Set<String>()
            let store = OrganisationStore(db)
            let now = Clock.nowMillis()
            for (position, profile) in read.profiles {
                guard seen.insert(profile.name).inserted else {
                    report.problems.append(OrganisationImportProblem(position, field: "name", "\"\(profile.name)\" appears twice in this import; the first is kept").description)
                    continue
                }
                let existing = try await store.find(name: profile.name)
                let id = existing?.id ?? Secrets.newID()
                let record = OrganisationRecord(id: id, profile: profile, createdAt: existing?.createdAt ?? now, updatedAt: now)
                if existing == nil { try await store.insert(record) } else { try await store.update(record) }
                try await store.replaceResources(of: id, with: OrganisationResources(profile))
                if existing == nil { report.created += 1 } else { report.updated += 1 }
            }
            try await AuditLog().record(
                actor: actor, action: "organisations.imported", target: "organisations",
                details: ["created": String(report.created), "updated": String(report.updated), "rejected": String(read.problems.count)],
                on: db)
            return report
        }
        report.remapped = try await refresh(force: true)?.changed ?? 0
        return report
    }

    /// Replaces the routing table with a pfx2as file's routes; bad lines are reported and skipped.
    public func importRoutingTable(_ text: [UInt8], actor: String) async throws -> (routes: Int, problems: [String], remapped: Int) {
        var chunks = [text]
        var reader = Pfx2ASReader(read: { chunks.popLast() })
        var routes: [(prefix: String, asn: UInt32)] = []
        while let route = try reader.next() {
            for origin in route.origins { routes.append((route.prefix, origin.value)) }
        }
        let rejected = reader.problems.count
        let read = routes
        try await database.transaction { db in
            try await RoutingStore(db).replace(with: read)
            try await AuditLog().record(
                actor: actor, action: "routing.imported", target: "routing_prefixes",
                details: ["routes": String(read.count), "rejected": String(rejected)], on: db)
        }
        let remapped = try await refresh(force: true)?.changed ?? 0
        return (routes.count, reader.problems.map(\.description), remapped)
    }

    /// Keeps owners current: rebuilds the owner map when the organisations, their resources or
    /// the routing table changed since this process built it; remaps every indicator when they
    /// changed since the last remap (both always with `force`), else only the indicators created
    /// since it. Nil when nothing was remapped.
    @discardableResult
    public func refresh(force: Bool = false) async throws -> RemapReport? {
        let store = OrganisationStore(database.sql)
        let fingerprint = try await store.fingerprint()
        if force || fingerprint != owners.current.fingerprint {
            owners.install(try await build(fingerprint: fingerprint))
        }
        let now = Clock.nowMillis()
        let last = try await store.lastRemap()
        let since = !force && last?.fingerprint == fingerprint ? last?.at : nil
        // A little overlap, so an indicator committed while the last remap ran is not missed.
        var report = try await remapIndicators(createdSince: since.map { $0 - 60_000 } ?? .min)
        report.full = since == nil
        try await store.setLastRemap(fingerprint: fingerprint, at: now)
        return since != nil && report.changed == 0 ? nil : report
    }

    /// Sets the owner of every indicator created since `createdSince` from the current map,
    /// writing only the changes.
    public func remapIndicators(createdSince: Int64 = .min) async throws -> RemapReport {
        let snapshot = owners.current
        var report = RemapReport(indicators: 0, changed: 0, unowned: 0)
        var changes: [(id: String, organisationID: String?)] = []
        try await IndicatorStore(database.sql).forEachConstituency(createdSince: createdSince) { id, value, current in
            report.indicators += 1
            let owner = snapshot.owner(of: value)
            if owner == nil, value.type.hasOwner { report.unowned += 1 }
            if owner != current { changes.append((id, owner)) }
        }
        report.changed = changes.count
        for start in stride(from: 0, to: changes.count, by: 5000) {
            let chunk = Array(changes[start..<min(start + 5000, changes.count)])
            try await database.transaction { db in try await IndicatorStore(db).setConstituency(chunk) }
        }
        return report
    }

    private func build(fingerprint: String) async throws -> OwnerDirectory.Snapshot {
        let store = OrganisationStore(database.sql)
        let organisations = try await store.all()
        var numbers: [String: Int32] = [:]
        for (n, organisation) in organisations.enumerated() { numbers[organisation.id] = Int32(n) }
        var builder = OwnerMap.Builder()
        for resource in try await store.allResources() {
            guard let owner = numbers[resource.organisationID] else { continue }
            switch resource.kind {
            case "asn": if let asn = try? ASNumber(parsing: resource.value) { builder.add(asn: asn, owner: owner) }
            case "domain": if let domain = try? DomainName(parsing: resource.value) { builder.add(domain: domain, owner: owner) }
            default: Self.addNetwork(resource.value) { builder.add($0, owner: owner) } v6: { builder.add($0, owner: owner) }
            }
        }
        for route in try await RoutingStore(database.sql).routesOfListedASNs() {
            guard let origin = ASNumber(route.asn) else { continue }
            Self.addNetwork(route.prefix) { builder.addRoute($0, origin: origin) } v6: { builder.addRoute($0, origin: origin) }
        }
        return OwnerDirectory.Snapshot(map: builder.build(), organisationIDs: organisations.map(\.id), fingerprint: fingerprint)
    }

    private static func addNetwork(_ text: String, v4: (IPv4Network) -> Void, v6: (IPv6Network) -> Void) {
        if text.contains(":") {
            if let network = try? IPv6Network(parsing: text) { v6(network) }
        } else if let network = try? IPv4Network(parsing: text) {
            v4(network)
        }
    }
}

extension IndicatorType {
    /// Whether an indicator of this type names a resource someone owns (not a file hash).
    var hasOwner: Bool {
        switch self {
        case .md5, .sha1, .sha256: false
        default: true
        }
    }
}
