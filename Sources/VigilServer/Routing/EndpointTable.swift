import Hummingbird
import VigilCore

/// Registers endpoints on the router, each behind its access check, and remembers them for
/// the OpenAPI document and the route × role tests.
public final class EndpointTable: @unchecked Sendable {
    /// Every endpoint registered so far, in order. Only mutated while the router is being built.
    public private(set) var endpoints: [Endpoint] = []
    private let router: Router<VigilRequestContext>

    init(router: Router<VigilRequestContext>) { self.router = router }

    /// Registers `handler` for `endpoint`; the caller is checked against `endpoint.access` first.
    func add(
        _ endpoint: Endpoint,
        _ handler: @escaping @Sendable (Request, VigilRequestContext) async throws -> Response
    ) {
        endpoints.append(endpoint)
        let access = endpoint.access
        router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
            try Self.check(access, context: context)
            return try await handler(request, context)
        }
    }

    /// Throws 401 when a login is needed and missing, 403 when the role is not enough.
    static func check(_ access: EndpointAccess, context: VigilRequestContext) throws {
        guard access != .public else { return }
        guard let principal = context.principal else {
            throw HTTPError(.unauthorized, message: context.authenticationFailure ?? "log in or send an API token")
        }
        guard access.allows(principal.role) else {
            throw HTTPError(.forbidden, message: "role \(principal.role) may not do this")
        }
    }
}
