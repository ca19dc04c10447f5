import Foundation
import Testing
@testable import VigilServer
import VigilTestSupport

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func describesExactlyTheRegisteredRoutes() async throws {
        try await ServerHarness.run { harness in
            let response = try await harness.request(.get, "/api/v1/openapi.json", as: nil)
            #expect(response.status == .ok)
            let document = try #require(try response.json() as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(RouterPathDescription.normalise(path))") }
            }
            let registered = Set(try VigilServer.routes(services: harness.services).router.routes.map { "\($0.method) \($0.path)" })
            #expect(documented == registered)
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let referenced = Self.references(in: paths)
            #expect(referenced.isSubset(of: Set(schemas.keys)), "every $ref resolves: missing \(referenced.subtracting(schemas.keys))")
        }
    }

    static func references(in value: Any) -> Set<String> {
        switch value {
        case let object as [String: Any]:
            var found = Set<String>()
            if let ref = object["$ref"] as? String { found.insert(String(ref.split(separator: "/").last ?? "")) }
            for child in object.values { found.formUnion(references(in: child)) }
            return found
        case let array as [Any]:
            return array.reduce(into: Set<String>()) { $0.formUnion(references(in: $1)) }
        default:
            return []
        }
    }
}
