import Foundation
import Testing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import VigilCore
import VigilServer
import VigilServices
import VigilStore
import VigilTestSupport

/// A live Vigil over the demo data on a fresh database, with a bearer token for each demo login.
struct ServerHarness {
    let services: ServiceContainer
    let client: any TestClientProtocol
    /// Bearer token per demo username.
    let tokens: [String: String]

    static func run(_ kind: DatabaseKind = .sqlite, _ body: @escaping @Sendable (ServerHarness) async throws -> Void) async throws {
        try await TestDatabases.withDemoServices(kind) { (services: ServiceContainer) async throws -> Void in
            var tokens: [String: String] = [:]
            for login in DemoAccounts.logins {
                let user = try #require(try await UserStore(services.database.sql).find(username: login.username))
                tokens[login.username] = try await services.auth.createToken(for: user.principal, name: "test", ttlDays: 1).secret
            }
            var logger = Logger(label: "vigil.test")
            logger.logLevel = .warning
            let app = try VigilServer.application(services: services, logger: logger, port: 0, scheduling: false)
            let finalTokens = tokens
            try await app.test(.live) { client in
                try await body(ServerHarness(services: services, client: client, tokens: finalTokens))
            }
        }
    }

    /// Sends a request as `username` (nil: no credentials).
    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ uri: String, as username: String?, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let username, let token = tokens[username] { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// The demo login of `role` in the CERT (or its only holder).
    static func username(for role: Role) -> String {
        DemoAccounts.logins.first { $0.role == role }!.username
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: body)) }
}
