import Foundation
import VigilCore
import VigilMatch
import VigilStore

/// The never-act lists applied at ingest: the built-in lists the configuration keeps, the
/// operator's top-sites file, and the allowlist kept in the store (SPEC C1).
public actor WarningListService {
    private let database: VigilDatabase
    private let settings: VigilConfiguration.WarningLists
    private let dataDir: String
    private var topSites: WarningList?
    private var loadedTopSites = false
    private let audit = AuditLog()
    private let changes: BlocklistChanges?

    /// Creates the service; allowlist changes are signalled on `changes`.
    public init(
        database: VigilDatabase, settings: VigilConfiguration.WarningLists, dataDir: String, changes: BlocklistChanges? = nil
    ) {
        self.database = database
        self.settings = settings
        self.dataDir = dataDir
        self.changes = changes
    }

    /// The compiled set as of now (the allowlist is read fresh, the top-sites file once).
    public func current() async throws -> WarningListSet {
        if !loadedTopSites, let path = settings.topSitesCSV {
            let resolved = path.hasPrefix("/") ? path : (dataDir as NSString).appendingPathComponent(path)
            guard let text = try? String(contentsOfFile: resolved, encoding: .utf8) else {
                throw ServiceError.invalid(field: "warning_lists.top_sites_csv", message: "cannot read \(resolved)")
            }
            // A bad line in a third-party list must not switch the whole list off: keep the good lines.
            do { topSites = try WarningList.topSites(csv: text, limit: settings.topSitesLimit) } catch {
                topSites = error.validEntries
            }
            loadedTopSites = true
        }
        let entries = try await AllowlistStore(database.sql).all().map(\.entry)
        let allowlist: WarningList
        do { allowlist = try WarningList.allowlist(entries) } catch { allowlist = error.validEntries }
        return WarningListSet.builtIn(excluding: Set(settings.exclude), adding: [topSites, allowlist].compactMap { $0 })
    }

    /// Adds an allowlist entry (analysts and admins).
    public func allow(_ raw: String, comment: String, by principal: Principal) async throws -> AllowlistStore.Entry {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot change the allowlist") }
        let text = raw.trimmingCharacters(in: .whitespaces)
        do { _ = try WarningList.Entry(parsing: text) } catch {
            throw ServiceError.invalid(field: "entry", message: "\(error)")
        }
        if try await AllowlistStore(database.sql).all().contains(where: { $0.entry == text }) {
            throw ServiceError.conflict("\(text) is already allowlisted")
        }
        let entry = AllowlistStore.Entry(
            id: Secrets.newID(), entry: text, comment: String(comment.prefix(500)), createdBy: principal.username,
            createdAt: Clock.nowMillis())
        try await database.transaction { [audit] db in
            try await AllowlistStore(db).insert(entry)
            try await audit.record(actor: principal.username, action: "allowlist.add", target: text,
                                   details: ["comment": entry.comment], on: db)
        }
        changes?.signal()
        return entry
    }

    /// Removes an allowlist entry (analysts and admins).
    public func disallow(_ raw: String, by principal: Principal) async throws {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot change the allowlist") }
        try await database.transaction { [audit] db in
            guard try await AllowlistStore(db).delete(entry: raw) else { throw ServiceError.notFound("allowlist entry \(raw)") }
            try await audit.record(actor: principal.username, action: "allowlist.remove", target: raw, on: db)
        }
        changes?.signal()
    }

    /// The allowlist (CERT staff only).
    public func allowlist(for principal: Principal) async throws -> [AllowlistStore.Entry] {
        guard principal.role == .admin || principal.role == .analyst else { throw ServiceError.forbidden("CERT staff only") }
        return try await AllowlistStore(database.sql).all()
    }
}
