import Hummingbird
import VigilCore
import VigilServices

/// `/api/v1/users`, `/api/v1/organisations` and `/api/v1/tokens`.
enum AccountRoutes {
    static func register(on table: EndpointTable, services: ServiceContainer) {
        let users = services.users
        let auth = services.auth
        table.add(Endpoint(
            .get, "/api/v1/users", summary: "Users: all for admins, otherwise only the caller", tag: "users",
            access: .authenticated, response: "UserList")) { _, context in
            try .json(try await users.users(visibleTo: try context.requirePrincipal()).map(Resources.User.init))
        }
        table.add(Endpoint(
            .post, "/api/v1/users", summary: "Create a user", tag: "users", access: .admin,
            request: "NewUser", response: "User", status: 201)) { request, context in
            let body = try await request.decodeJSON(Resources.NewUser.self, context: context)
            let user = try await users.createUser(
                username: body.username, password: body.password, displayName: body.display_name ?? "",
                organisationID: body.organisation_id, role: body.role, language: body.language ?? "en",
                by: try context.requirePrincipal())
            return try .json(Resources.User(UserView(user)), status: .created)
        }
        table.add(Endpoint(
            .get, "/api/v1/users/me", summary: "The caller", tag: "users", access: .authenticated,
            response: "User")) { _, context in
            let principal = try context.requirePrincipal()
            return try .json(Resources.User(try await users.user(id: principal.userID, visibleTo: principal)))
        }
        table.add(Endpoint(
            .get, "/api/v1/users/{id}", summary: "One user (admins, or the user)", tag: "users",
            access: .authenticated, response: "User")) { _, context in
            try .json(Resources.User(try await users.user(
                id: try context.pathParameter("id"), visibleTo: try context.requirePrincipal())))
        }
        table.add(Endpoint(
            .get, "/api/v1/organisations", summary: "Organisations: all for CERT staff, otherwise the caller's",
            tag: "organisations", access: .authenticated, response: "OrganisationList")) { _, context in
            try .json(try await users.organisations(visibleTo: try context.requirePrincipal()).map(Resources.Organisation.init))
        }
        table.add(Endpoint(
            .post, "/api/v1/organisations", summary: "Create an organisation", tag: "organisations",
            access: .admin, request: "NewOrganisation", response: "Organisation", status: 201)) { request, context in
            let body = try await request.decodeJSON(Resources.NewOrganisation.self, context: context)
            let organisation = try await users.createOrganisation(
                name: body.name, country: body.country ?? "", by: try context.requirePrincipal())
            return try .json(Resources.Organisation(organisation), status: .created)
        }
        table.add(Endpoint(
            .get, "/api/v1/tokens", summary: "The caller's API tokens", tag: "tokens", access: .authenticated,
            response: "TokenList")) { _, context in
            try .json(try await auth.tokens(of: try context.requirePrincipal()).map(Resources.Token.init))
        }
        table.add(Endpoint(
            .post, "/api/v1/tokens", summary: "Create an API token; the secret is shown once", tag: "tokens",
            access: .authenticated, request: "NewToken", response: "CreatedToken", status: 201)) { request, context in
            let body = try await request.decodeJSON(Resources.NewToken.self, context: context)
            let created = try await auth.createToken(for: try context.requirePrincipal(), name: body.name, ttlDays: body.ttl_days)
            return try .json(Resources.CreatedToken(token: Resources.Token(created.token), secret: created.secret), status: .created)
        }
        table.add(Endpoint(
            .delete, "/api/v1/tokens/{id}", summary: "Revoke an API token", tag: "tokens", access: .authenticated,
            status: 204)) { _, context in
            try await auth.revokeToken(id: try context.pathParameter("id"), by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
    }
}
