import Foundation
import VigilCore
import VigilFormats
import VigilStore

/// What a caller supplies to define a source (config file, API, CLI).
public struct SourceDefinition: Sendable, Codable, Hashable {
    /// Unique name: 1–64 of `a-z 0-9 . _ -`.
    public var name: String
    /// Collector: `manual`, `file`, `folder`, `http`, `stdin` or `push`.
    public var collector: String
    /// Format name (see `FeedFormats.names`).
    public var format: String
    /// URL or path, for `http`, `file` and `folder`.
    public var location: String?
    /// Format settings.
    public var options: [String: String]?
    /// Seconds between scheduled runs.
    public var scheduleSeconds: Int?
    /// Reliability 0–100 (default 50).
    public var reliability: Int?
    /// TLP for items that carry none (default AMBER).
    public var defaultTLP: TLP?
    /// Threat type for items that carry none (default other).
    public var threatType: ThreatType?
    /// Tags added to every item.
    public var tags: [String]?
    /// Largest input per run in bytes (default 256 MiB).
    public var maxBytes: Int?
    /// Whether it runs (default true).
    public var enabled: Bool?

    /// Creates a definition.
    public init(
        name: String, collector: String, format: String, location: String? = nil, options: [String: String]? = nil,
        scheduleSeconds: Int? = nil, reliability: Int? = nil, defaultTLP: TLP? = nil, threatType: ThreatType? = nil,
        tags: [String]? = nil, maxBytes: Int? = nil, enabled: Bool? = nil
    ) {
        self.name = name
        self.collector = collector
        self.format = format
        self.location = location
        self.options = options
        self.scheduleSeconds = scheduleSeconds
        self.reliability = reliability
        self.defaultTLP = defaultTLP
        self.threatType = threatType
        self.tags = tags
        self.maxBytes = maxBytes
        self.enabled = enabled
    }

    enum CodingKeys: String, CodingKey {
        case name, collector, format, location, options, reliability, tags, enabled
        case scheduleSeconds = "schedule_seconds", defaultTLP = "default_tlp", threatType = "threat_type"
        case maxBytes = "max_bytes"
    }
}

/// Sources: define, list, find. Analysts and admins manage them; others see their organisation's.
public struct SourceService: Sendable {
    /// Options a collector reads (a `taxii` source's credentials), not its format.
    public static let collectorOptions: Set<String> = ["username", "password_env", "token_env"]

    /// A source's options without the collector's.
    static func formatOptions(_ options: [String: String]) -> [String: String] {
        options.filter { !collectorOptions.contains($0.key) }
    }

    /// The collectors Vigil has.
    public static let collectors = ["manual", "file", "folder", "http", "stdin", "push", "taxii", "misp-feed"]

    private let database: VigilDatabase
    private let audit = AuditLog()

    /// Creates the service.
    public init(database: VigilDatabase) { self.database = database }

    /// Adds a source owned by the caller's organisation.
    public func add(_ definition: SourceDefinition, by principal: Principal) async throws -> SourceRecord {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot add sources") }
        let record = try Self.validate(definition, organisationID: principal.organisationID, now: Clock.nowMillis())
        if try await SourceStore(database.sql).find(name: record.name) != nil {
            throw ServiceError.conflict("source \"\(record.name)\" exists")
        }
        try await database.transaction { [audit] db in
            try await SourceStore(db).insert(record)
            try await audit.record(
                actor: principal.username, action: "source.create", target: record.id,
                details: ["name": record.name, "collector": record.kind, "format": record.format], on: db)
        }
        return record
    }

    /// Creates or updates the sources of the configuration file; returns the names it could not
    /// place yet (no organisation exists before `vigil init`). Bad settings throw, naming the source.
    @discardableResult
    public func sync(_ configured: [VigilConfiguration.ConfiguredSource]) async throws -> [String] {
        var waiting: [String] = []
        for entry in configured {
            let organisationID: String?
            if let name = entry.organisation {
                guard let organisation = try await OrganisationStore(database.sql).find(name: name) else {
                    throw ServiceError.invalid(field: "sources[\(entry.definition.name)].organisation", message: "no organisation \"\(name)\"")
                }
                organisationID = organisation.id
            } else {
                organisationID = try await UserStore(database.sql).list().first { $0.role == .admin }?.organisationID
            }
            guard let organisationID else {
                waiting.append(entry.definition.name)
                continue
            }
            var record: SourceRecord
            do { record = try Self.validate(entry.definition, organisationID: organisationID, now: Clock.nowMillis()) } catch let error as ServiceError {
                guard case .invalid(let field, let message) = error else { throw error }
                throw ServiceError.invalid(field: "sources[\(entry.definition.name)].\(field)", message: message)
            }
            let existing = try await SourceStore(database.sql).find(name: record.name)
            if let existing {
                record.id = existing.id
                record.createdAt = existing.createdAt
                record.etag = existing.etag
                record.lastModified = existing.lastModified
                record.lastRunAt = existing.lastRunAt
                guard record != existing else { continue }
            }
            let action = existing == nil ? "source.create" : "source.configure"
            let final = record
            try await database.transaction { [audit] db in
                if existing == nil { try await SourceStore(db).insert(final) } else { try await SourceStore(db).update(final) }
                try await audit.record(actor: "config", action: action, target: final.id,
                                       details: ["name": final.name, "format": final.format], on: db)
            }
        }
        return waiting
    }

    /// Sources visible to `principal`.
    public func list(for principal: Principal) async throws -> [SourceRecord] {
        let all = try await SourceStore(database.sql).all()
        if principal.role == .admin || principal.role == .analyst { return all }
        return all.filter { $0.organisationID == principal.organisationID }
    }

    /// One source by name, if visible to `principal`.
    public func find(name: String, for principal: Principal) async throws -> SourceRecord {
        guard let source = try await list(for: principal).first(where: { $0.name == name }) else {
            throw ServiceError.notFound("source \(name)")
        }
        return source
    }

    /// Checks a definition and turns it into a record.
    static func validate(_ definition: SourceDefinition, organisationID: String, now: Int64) throws -> SourceRecord {
        let name = definition.name
        guard (1...64).contains(name.count),
              name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }) else {
            throw ServiceError.invalid(field: "name", message: "1 to 64 characters: a-z, 0-9, . _ -")
        }
        guard collectors.contains(definition.collector) else {
            throw ServiceError.invalid(field: "collector", message: "must be one of \(collectors.joined(separator: ", "))")
        }
        do { _ = try FeedFormats.make(definition.format, options: Self.formatOptions(definition.options ?? [:])) } catch {
            throw ServiceError.invalid(field: error is FeedFormats.UnknownFormat ? "format" : "options", message: "\(error)")
        }
        let location = definition.location ?? ""
        if ["file", "folder", "http", "taxii", "misp-feed"].contains(definition.collector), location.isEmpty {
            throw ServiceError.invalid(field: "location", message: "a \(definition.collector) source needs a location")
        }
        if ["http", "taxii", "misp-feed"].contains(definition.collector), !(location.hasPrefix("http://") || location.hasPrefix("https://")) {
            throw ServiceError.invalid(field: "location", message: "must be an http:// or https:// URL")
        }
        let reliability = definition.reliability ?? 50
        guard (0...100).contains(reliability) else {
            throw ServiceError.invalid(field: "reliability", message: "must be between 0 and 100")
        }
        if let schedule = definition.scheduleSeconds, !(60...2_592_000).contains(schedule) {
            throw ServiceError.invalid(field: "schedule_seconds", message: "must be between 60 and 2592000")
        }
        let maxBytes = definition.maxBytes ?? 268_435_456
        guard (1024...17_179_869_184).contains(maxBytes) else {
            throw ServiceError.invalid(field: "max_bytes", message: "must be between 1 KiB and 16 GiB")
        }
        let tags = try (definition.tags ?? []).map(IndicatorService.tag)
        return SourceRecord(
            id: Secrets.newID(), name: name, kind: definition.collector, format: definition.format, location: location,
            options: definition.options ?? [:], scheduleSeconds: definition.scheduleSeconds, organisationID: organisationID,
            reliability: reliability, defaultTLP: definition.defaultTLP ?? .amber, threatType: definition.threatType ?? .other,
            tags: tags, maxBytes: maxBytes, enabled: definition.enabled ?? true, createdAt: now)
    }
}
