import Hummingbird
import VigilServices
import VigilStore

/// `/api/v1/allowlist`: the operator's own never-act list (CERT staff).
enum AllowlistRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let lists = services.warningLists
        table.add(Endpoint(
            .get, "/api/v1/allowlist", summary: "The allowlist", tag: "warning-lists", access: .staff,
            response: "AllowlistEntries")) { _, context in
            try .json(try await lists.allowlist(for: try context.requirePrincipal()).map(Resources.AllowlistEntry.init))
        }
        table.add(Endpoint(
            .post, "/api/v1/allowlist", summary: "Add an allowlist entry (IP, CIDR, domain or *.domain)",
            tag: "warning-lists", access: .staff, request: "NewAllowlistEntry", response: "AllowlistEntry",
            status: 201)) { request, context in
            let body = try await request.decodeJSON(Resources.NewAllowlistEntry.self, context: context)
            let entry = try await lists.allow(body.entry, comment: body.comment ?? "", by: try context.requirePrincipal())
            return try .json(Resources.AllowlistEntry(entry), status: .created)
        }
        table.add(Endpoint(
            .post, "/api/v1/allowlist/remove", summary: "Remove an allowlist entry", tag: "warning-lists",
            access: .staff, request: "NewAllowlistEntry", status: 204)) { request, context in
            let body = try await request.decodeJSON(Resources.NewAllowlistEntry.self, context: context)
            try await lists.disallow(body.entry, by: try context.requirePrincipal())
            return Response(status: .noContent)
        }
    }
}
