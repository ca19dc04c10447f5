import VigilCore
import VigilStore

/// A user as clients see it: everything but the password hash.
public struct UserView: Sendable, Codable, Hashable {
    /// Id.
    public let id: String
    /// Login name.
    public let username: String
    /// Display name.
    public let displayName: String
    /// Organisation id.
    public let organisationID: String
    /// Role.
    public let role: Role
    /// UI language.
    public let language: String
    /// Whether the account is disabled.
    public let disabled: Bool

    /// The view of a stored user.
    public init(_ user: UserRecord) {
        id = user.id
        username = user.username
        displayName = user.displayName
        organisationID = user.organisationID
        role = user.role
        language = user.language
        disabled = user.disabled
    }
}

/// Organisations and users: who may act for whom.
public struct UserService: Sendable {
    private let database: VigilDatabase
    private let passwords: PasswordPolicy
    private let audit = AuditLog()

    /// Creates the service.
    public init(database: VigilDatabase, bcryptCost: Int) {
        self.database = database
        self.passwords = PasswordPolicy(cost: bcryptCost)
    }

    /// Creates an organisation (admin only; `nil` actor means Vigil itself, e.g. `init` and `demo`).
    public func createOrganisation(name: String, country: String, by principal: Principal?) async throws -> OrganisationRecord {
        try Self.require(principal, .admin)
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(trimmed.count) else {
            throw ServiceError.invalid(field: "name", message: "must have 1 to 200 characters")
        }
        guard country.isEmpty || (country.count == 2 && country.allSatisfy { $0.isASCII && $0.isLetter }) else {
            throw ServiceError.invalid(field: "country", message: "must be an ISO 3166-1 alpha-2 code such as DE")
        }
        if try await OrganisationStore(database.sql).find(name: trimmed) != nil {
            throw ServiceError.conflict("organisation \"\(trimmed)\" exists")
        }
        let organisation = OrganisationRecord(
            id: Secrets.newID(), name: trimmed, country: country.uppercased(), createdAt: Clock.nowMillis())
        try await database.transaction { [audit] db in
            try await OrganisationStore(db).insert(organisation)
            try await audit.record(
                actor: principal?.username ?? "system", action: "organisation.create", target: organisation.id,
                details: ["name": trimmed], on: db)
        }
        return organisation
    }

    /// Creates a user (admin only, or Vigil itself when `principal` is nil).
    public func createUser(
        username: String, password: String, displayName: String = "", organisationID: String, role: Role,
        language: String = "en", by principal: Principal?
    ) async throws -> UserRecord {
        try Self.require(principal, .admin)
        guard (3...64).contains(username.count),
              username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-@".contains($0)) }) else {
            throw ServiceError.invalid(field: "username", message: "3 to 64 characters: letters, digits, . _ - @")
        }
        guard ["en", "zh"].contains(language) else {
            throw ServiceError.invalid(field: "language", message: "must be en or zh")
        }
        guard try await OrganisationStore(database.sql).find(id: organisationID) != nil else {
            throw ServiceError.invalid(field: "organisation_id", message: "no organisation \(organisationID)")
        }
        if try await UserStore(database.sql).find(username: username) != nil {
            throw ServiceError.conflict("user \"\(username)\" exists")
        }
        let user = UserRecord(
            id: Secrets.newID(), username: username, displayName: displayName.isEmpty ? username : displayName,
            organisationID: organisationID, role: role, passwordHash: try passwords.hash(password),
            language: language, createdAt: Clock.nowMillis())
        try await database.transaction { [audit] db in
            try await UserStore(db).insert(user)
            try await audit.record(
                actor: principal?.username ?? "system", action: "user.create", target: user.id,
                details: ["username": username, "role": role.rawValue, "organisation": organisationID], on: db)
        }
        return user
    }

    /// Sets the caller's own UI language (`en` or `zh`).
    public func setLanguage(_ language: String, by principal: Principal) async throws {
        guard ["en", "zh"].contains(language) else { throw ServiceError.invalid(field: "language", message: "must be en or zh") }
        try await UserStore(database.sql).setLanguage(userID: principal.userID, language: language)
    }

    /// Users visible to `principal`: all for admins, otherwise only themselves.
    public func users(visibleTo principal: Principal) async throws -> [UserView] {
        if principal.role == .admin { return try await UserStore(database.sql).list().map(UserView.init) }
        return try await UserStore(database.sql).find(id: principal.userID).map { [UserView($0)] } ?? []
    }

    /// One user, if `principal` is an admin or that user.
    public func user(id: String, visibleTo principal: Principal) async throws -> UserView {
        guard principal.role == .admin || principal.userID == id,
              let user = try await UserStore(database.sql).find(id: id) else { throw ServiceError.notFound("user \(id)") }
        return UserView(user)
    }

    /// Organisations visible to `principal`: all for CERT staff, otherwise only their own.
    public func organisations(visibleTo principal: Principal) async throws -> [OrganisationRecord] {
        let all = try await OrganisationStore(database.sql).all()
        if principal.role.readsEveryOrganisation { return all }
        return all.filter { $0.id == principal.organisationID }
    }

    /// The names of the organisations visible to `principal`, by id.
    public func organisationNames(visibleTo principal: Principal) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await organisations(visibleTo: principal).map { ($0.id, $0.name) })
    }

    /// Lets `partnerID` read `organisationID`'s TLP:AMBER data.
    public func share(organisationID: String, with partnerID: String, by principal: Principal?) async throws {
        try Self.require(principal, .admin)
        try await database.transaction { [audit] db in
            try await OrganisationStore(db).share(from: organisationID, with: partnerID)
            try await audit.record(
                actor: principal?.username ?? "system", action: "organisation.share", target: organisationID,
                details: ["partner": partnerID], on: db)
        }
    }

    static func require(_ principal: Principal?, _ role: Role) throws(ServiceError) {
        if let principal, principal.role != role { throw .forbidden("requires role \(role)") }
    }
}
