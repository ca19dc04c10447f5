import ArgumentParser
import Foundation
import VigilCore
import VigilServices
import VigilStore

extension Role: ExpressibleByArgument {}

/// `vigil user add|list`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; without --password-stdin a password is generated and printed once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Username.") var username: String
        @Option(help: "Role: admin, analyst, operator, constituent, partner.") var role: Role
        @Option(help: "Organisation name or id.") var organisation: String
        @Option(help: "UI language: en or zh.") var language = "en"
        @Flag(help: "Read the password from the first line of stdin.") var passwordStdin = false

        struct Result: Encodable { let user: UserView; let password: String? }

        func run() async throws {
            let password = passwordStdin ? (readLine(strippingNewline: true) ?? "") : Secrets.random(bytes: 18)
            let user = try await withServices(global) { services in
                let store = OrganisationStore(services.database.sql)
                var org = try await store.find(name: organisation)
                if org == nil { org = try await store.find(id: organisation) }
                guard let org else { throw ServiceError.invalid(field: "--organisation", message: "no organisation \"\(organisation)\" (see `vigil org list`)") }
                return try await services.users.createUser(
                    username: username, password: password, organisationID: org.id, role: role, language: language, by: nil)
            }
            try global.output(Result(user: UserView(user), password: passwordStdin ? nil : password)) {
                "Added \(user.username) (\(user.role))" + (passwordStdin ? "" : "\nPassword (shown once): \(password)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let users = try await withServices(global) { services in
                try await services.users.users(visibleTo: try await acting.principal(in: services))
            }
            try global.output(users) {
                users.map { "\($0.username)\t\($0.role)\t\($0.organisationID)\($0.disabled ? "\tdisabled" : "")" }.joined(separator: "\n")
            }
        }
    }
}

/// `vigil token create|list|revoke`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user; the secret is printed once.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The user the token acts as.") var user: String
        @Option(help: "A label for the token.") var name = "cli"
        @Option(help: "Days until it expires (default from the configuration).") var ttlDays: Int?

        struct Result: Encodable { let id: String; let secret: String; let expiresAt: Int64? }

        func run() async throws {
            let created = try await withServices(global) { services in
                let principal = try await ActingUser.principal(named: user, in: services)
                return try await services.auth.createToken(for: principal, name: name, ttlDays: ttlDays)
            }
            try global.output(Result(id: created.token.id, secret: created.secret, expiresAt: created.token.expiresAt)) {
                "Token \(created.token.id) for \(user)\nSecret (shown once): \(created.secret)"
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's tokens (never their secrets).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let tokens = try await withServices(global) { services in
                try await services.auth.tokens(of: try await acting.principal(in: services))
            }
            try global.output(tokens) {
                tokens.map { "\($0.id)\t\($0.name)\($0.revokedAt == nil ? "" : "\trevoked")" }.joined(separator: "\n")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Token id.") var id: String

        func run() async throws {
            try await withServices(global) { services in
                try await services.auth.revokeToken(id: id, by: try await acting.principal(in: services))
            }
            try global.output(["revoked": id]) { "Revoked \(id)" }
        }
    }
}

/// `vigil org add|list`.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Manage organisations.",
        subcommands: [Add.self, List.self, Import.self, Show.self, RoutingTable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an organisation.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Name.") var name: String
        @Option(help: "ISO 3166-1 alpha-2 country code.") var country = ""

        func run() async throws {
            let org = try await withServices(global) { services in
                try await services.users.createOrganisation(name: name, country: country, by: nil)
            }
            try global.output(org) { "Added organisation \(org.name) (\(org.id))" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let orgs = try await withServices(global) { services in
                try await services.users.organisations(visibleTo: try await acting.principal(in: services))
            }
            try global.output(orgs) { orgs.map { "\($0.id)\t\($0.name)\t\($0.country)" }.joined(separator: "\n") }
        }
    }
}

/// `vigil audit verify`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify the hash chain; exit 1 and name each changed, removed or reordered entry.")
        @OptionGroup var global: GlobalOptions

        struct Result: Encodable { let intact: Bool; let checked: Int; let problems: [String] }

        func run() async throws {
            let result = try await withServices(global) { services in try await services.auditVerifier.verify() }
            try global.output(Result(intact: result.isIntact, checked: result.checked, problems: result.problems.map(\.description))) {
                result.isIntact
                    ? "Audit chain intact: \(result.checked) entries verified."
                    : "Audit chain BROKEN (\(result.problems.count) problems in \(result.checked) entries):\n"
                        + result.problems.map { "  \($0)" }.joined(separator: "\n")
            }
            if !result.isIntact { throw ExitCode(1) }
        }
    }
}
