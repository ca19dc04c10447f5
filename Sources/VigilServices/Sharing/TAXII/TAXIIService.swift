import Foundation
import Logging
import VigilCore
import VigilFormats
import VigilStore

/// TAXII 2.1 collections (SPEC C7): one per partner, holding the STIX versions its profile and
/// the gate let through, published as they change (a delisted indicator gets a revoked version);
/// read by the partner and CERT staff, written by the partner (objects it posts are ingested as
/// its source `taxii-<partner>`).
public final class TAXIIService: Sendable {
    /// A collection as a reader sees it.
    public struct Collection: Sendable, Hashable {
        public var id: String
        public var title: String
        public var partner: String
        public var canRead: Bool
        public var canWrite: Bool
    }

    /// The media type of TAXII 2.1 resources.
    public static let mediaType = "application/taxii+json;version=2.1"
    /// The media type of STIX 2.1 content.
    public static let stixMediaType = "application/stix+json;version=2.1"

    let database: VigilDatabase
    let sharing: SharingService
    let ingest: IngestService
    let logger: Logger

    /// The service.
    public init(database: VigilDatabase, sharing: SharingService, ingest: IngestService, logger: Logger = Logger(label: "vigil.taxii")) {
        self.database = database
        self.sharing = sharing
        self.ingest = ingest
        self.logger = logger
    }

    /// The collection id of a partner.
    public static func collectionID(_ partner: String) -> String { STIXIdentifier.uuid("taxii-collection:" + partner) }

    /// The collections `principal` may see: all for CERT staff, its own for a partner.
    public func collections(for principal: Principal) async throws -> [Collection] {
        let own = try await OrganisationStore(database.sql).find(id: principal.organisationID)?.name
        return sharing.settings.partners.compactMap { partner in
            let staff = principal.role.readsEveryOrganisation
            guard staff || (principal.role == .partner && partner.organisation == own) else { return nil }
            return Collection(id: Self.collectionID(partner.organisation), title: "Vigil → \(partner.organisation)",
                              partner: partner.organisation, canRead: true, canWrite: !staff && partner.transport == .taxii)
        }
    }

    /// One collection, if `principal` may see it (not found otherwise).
    public func collection(_ id: String, for principal: Principal) async throws -> Collection {
        guard let found = try await collections(for: principal).first(where: { $0.id == id }) else {
            throw ServiceError.notFound("collection \(id)")
        }
        return found
    }

    /// Publishes to every TAXII partner's collection.
    @discardableResult
    public func publishAll(now: Int64 = Clock.nowMillis()) async throws -> Int {
        var added = 0
        for partner in sharing.settings.partners where partner.transport == .taxii {
            do { added += try await publish(partner: partner.organisation, now: now) } catch {
                logger.warning("TAXII publication skipped", metadata: ["partner": "\(partner.organisation)", "error": "\(error)"])
            }
        }
        return added
    }

    /// Adds the new versions of what `partner` may receive to its collection (nothing while the
    /// gate holds its export); returns how many were added, and audits them.
    @discardableResult
    public func publish(partner name: String, now: Int64 = Clock.nowMillis()) async throws -> Int {
        let (partner, organisationID) = try await sharing.releasable(name, now: now)
        var bytes: [UInt8] = []
        let plan = try await sharing.writeSTIX(partner, organisationID, now: now) { bytes += $0 }
        guard let bundle = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let objects = bundle["objects"] as? [[String: Any]] else { return 0 }
        let collection = Self.collectionID(name)
        let latest = try await TAXIIStore(database.sql).latestVersions(collection: collection)
        let dateAdded = STIXBundleWriter.timestamp(now)
        var fresh: [(objectID: String, type: String, version: String, specVersion: String, body: String)] = []
        for object in objects {
            guard let id = object["id"] as? String, let type = object["type"] as? String else { continue }
            let version = (object["modified"] as? String) ?? (object["created"] as? String) ?? latest[id] ?? dateAdded
            if latest[id] == version { continue }
            let body = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
            fresh.append((id, type, version, (object["spec_version"] as? String) ?? "2.1", body))
        }
        let added = try await database.transaction { [fresh] db in
            let added = try await TAXIIStore(db).add(fresh, collection: collection, dateAdded: now)
            if added > 0 {
                try await AuditLog().record(
                    actor: "vigil", action: "sharing.released", target: name,
                    details: ["transport": "taxii", "objects": String(added), "indicators": String(plan.indicators),
                              "removed": plan.removed.map { "\($0.count) \($0.reason)" }.joined(separator: "; ")],
                    on: db)
            }
            return added
        }
        return added
    }

    /// A page of a collection's object versions.
    public func page(_ collectionID: String, query: TAXIIStore.Query, for principal: Principal) async throws -> (versions: [TAXIIStore.Version], more: Bool) {
        let collection = try await collection(collectionID, for: principal)
        guard collection.canRead else { throw ServiceError.forbidden("collection \(collectionID) cannot be read") }
        return try await TAXIIStore(database.sql).page(collection: collectionID, query: query)
    }
}
