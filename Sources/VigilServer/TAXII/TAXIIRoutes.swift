import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilFormats
import VigilServices
import VigilStore

/// TAXII 2.1 at `/taxii2/`: discovery, one API root, a collection per partner, objects (GET with
/// `added_after`, `match[id|type|version|spec_version]`, `limit` and `next`; POST by the
/// partner), one object and its versions, the manifest, and status resources. Every response
/// is `application/taxii+json;version=2.1`; authentication as for the API (Basic or a token).
enum TAXIIRoutes {
    static let mediaType = TAXIIService.mediaType
    static let maxPage = 1000

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let taxii = services.taxii
        func endpoint(_ method: HTTPRequest.Method, _ path: String, _ summary: String, _ response: String, status: Int = 200) -> Endpoint {
            Endpoint(method, path, summary: summary, tag: "taxii", access: .authenticated, response: response, status: status,
                     query: path.hasSuffix("/objects") || path.hasSuffix("/manifest") || path.hasSuffix("/versions") ? filters : [],
                     mediaType: mediaType)
        }
        table.add(endpoint(.get, "/taxii2", "TAXII 2.1 discovery", "TAXIIDiscovery")) { request, _ in
            let root = base(request) + "/taxii2/api/"
            return try taxiiJSON(["title": "Vigil TAXII 2.1", "description": "Indicators shared under each partner's profile",
                                  "default": root, "api_roots": [root]])
        }
        table.add(endpoint(.get, "/taxii2/api", "The API root", "TAXIIAPIRoot")) { _, context in
            _ = try context.requirePrincipal()
            return try taxiiJSON(["title": "Vigil", "versions": [mediaType], "max_content_length": context.maxUploadSize])
        }
        table.add(endpoint(.get, "/taxii2/api/collections", "The caller's collections", "TAXIICollections")) { _, context in
            let collections = try await taxii.collections(for: try context.requirePrincipal())
            return try taxiiJSON(["collections": collections.map(describe)])
        }
        table.add(endpoint(.get, "/taxii2/api/collections/{id}", "One collection", "TAXIICollection")) { _, context in
            try taxiiJSON(describe(try await taxii.collection(try context.pathParameter("id"), for: try context.requirePrincipal())))
        }
        table.add(endpoint(.get, "/taxii2/api/collections/{id}/objects", "Objects, oldest added first", "TAXIIEnvelope")) { request, context in
            let query = try parse(request)
            let page = try await taxii.page(try context.pathParameter("id"), query: query, for: try context.requirePrincipal())
            return envelope(page.versions, more: page.more)
        }
        table.add(Endpoint(
            .post, "/taxii2/api/collections/{id}/objects", summary: "Add objects (a TAXII envelope) to the caller's collection",
            tag: "taxii", access: .roles([.partner]), response: "TAXIIStatus", status: 202, mediaType: mediaType)) { request, context in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let status = try await taxii.add(try context.pathParameter("id"), envelope: Array(buffer: body), by: try context.requirePrincipal())
            return try taxiiJSON(describe(status), status: .accepted)
        }
        table.add(endpoint(.get, "/taxii2/api/collections/{id}/objects/{object_id}", "One object (its versions per match[version])", "TAXIIEnvelope")) { request, context in
            var query = try parse(request)
            query.ids = [try context.pathParameter("object_id")]
            let page = try await taxii.page(try context.pathParameter("id"), query: query, for: try context.requirePrincipal())
            if page.versions.isEmpty, query.afterSeq == 0 { throw ServiceError.notFound("object \(query.ids[0])") }
            return envelope(page.versions, more: page.more)
        }
        table.add(endpoint(.get, "/taxii2/api/collections/{id}/objects/{object_id}/versions", "An object's versions", "TAXIIVersions")) { request, context in
            var query = try parse(request)
            query.ids = [try context.pathParameter("object_id")]
            query.versions = [.all]
            let page = try await taxii.page(try context.pathParameter("id"), query: query, for: try context.requirePrincipal())
            if page.versions.isEmpty, query.afterSeq == 0 { throw ServiceError.notFound("object \(query.ids[0])") }
            var response = try taxiiJSON(["more": page.more, "versions": page.versions.map(\.version)])
            headers(&response, page.versions)
            return response
        }
        table.add(endpoint(.get, "/taxii2/api/collections/{id}/manifest", "What the collection holds, without the objects", "TAXIIManifest")) { request, context in
            let query = try parse(request)
            let page = try await taxii.page(try context.pathParameter("id"), query: query, for: try context.requirePrincipal())
            var body: [String: Any] = ["more": page.more, "objects": page.versions.map { v in
                ["id": v.objectID, "date_added": STIXBundleWriter.timestamp(v.dateAdded), "version": v.version,
                 "media_type": TAXIIService.stixMediaType]
            }]
            if page.more, let last = page.versions.last { body["next"] = String(last.seq) }
            var response = try taxiiJSON(body)
            headers(&response, page.versions)
            return response
        }
        table.add(endpoint(.get, "/taxii2/api/status/{id}", "A status resource of objects the caller posted", "TAXIIStatus")) { _, context in
            try taxiiJSON(describe(try await taxii.status(try context.pathParameter("id"), for: try context.requirePrincipal())))
        }
    }

    static let filters = [
        QueryParameter("added_after", "string", "RFC 3339 time: versions added after it"),
        QueryParameter("limit", "integer", "page size, 1-\(maxPage) (default \(maxPage))"),
        QueryParameter("next", "string", "the next page, from the previous answer"),
        QueryParameter("match[id]", "string", "comma-separated object ids"),
        QueryParameter("match[type]", "string", "comma-separated STIX types"),
        QueryParameter("match[version]", "string", "last (default), first, all or a version timestamp"),
        QueryParameter("match[spec_version]", "string", "comma-separated, e.g. 2.1"),
    ]

    static func parse(_ request: Request) throws -> TAXIIStore.Query {
        let limit = try request.query("limit").map { text -> Int in
            guard let n = Int(text), n >= 1 else { throw ServiceError.invalid(field: "limit", message: "a positive integer") }
            return min(n, maxPage)
        } ?? maxPage
        var query = TAXIIStore.Query(limit: limit)
        query.addedAfter = try Resources.millis(query: "added_after", of: request)
        if let next = try request.query("next") {
            guard let seq = Int64(next), seq >= 0 else { throw ServiceError.invalid(field: "next", message: "a token from a previous answer") }
            query.afterSeq = seq
        }
        func list(_ name: String) throws -> [String] {
            try request.query(name).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        }
        query.ids = try list("match[id]")
        query.types = try list("match[type]")
        query.specVersions = try list("match[spec_version]")
        let versions = try list("match[version]")
        if !versions.isEmpty {
            query.versions = versions.map { v in v == "last" ? .last : v == "first" ? .first : v == "all" ? .all : .at(v) }
        }
        return query
    }

    static func envelope(_ versions: [TAXIIStore.Version], more: Bool) -> Response {
        var bytes = Array("{\"more\":\(more)".utf8)
        if more, let last = versions.last { bytes += Array(",\"next\":\"\(last.seq)\"".utf8) }
        bytes += Array(",\"objects\":[".utf8)
        for (n, version) in versions.enumerated() {
            if n > 0 { bytes.append(0x2C) }
            bytes += Array(version.body.utf8)
        }
        bytes += Array("]}".utf8)
        var response = Response(status: .ok, headers: [.contentType: mediaType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        headers(&response, versions)
        return response
    }

    static func headers(_ response: inout Response, _ versions: [TAXIIStore.Version]) {
        guard let first = versions.map(\.dateAdded).min(), let last = versions.map(\.dateAdded).max() else { return }
        response.headers[HTTPField.Name("X-TAXII-Date-Added-First")!] = STIXBundleWriter.timestamp(first)
        response.headers[HTTPField.Name("X-TAXII-Date-Added-Last")!] = STIXBundleWriter.timestamp(last)
    }

    static func describe(_ c: TAXIIService.Collection) -> [String: Any] {
        ["id": c.id, "title": c.title, "description": "What \(c.partner)'s sharing profile lets through", "can_read": c.canRead,
         "can_write": c.canWrite, "media_types": [TAXIIService.stixMediaType]]
    }

    static func describe(_ s: TAXIIService.Status) -> [String: Any] {
        ["id": s.id, "status": "complete", "request_timestamp": STIXBundleWriter.timestamp(s.requestTimestamp),
         "total_count": s.total, "success_count": s.success, "failure_count": s.failure, "pending_count": 0,
         "successes": s.successes.map { ["id": $0] }, "failures": s.failures.map { ["id": $0.id, "message": $0.message] }]
    }

    static func taxiiJSON(_ object: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: [.contentType: mediaType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func base(_ request: Request) -> String {
        "http://" + (request.head.authority ?? "127.0.0.1")
    }
}

extension OpenAPISchemas {
    /// Schemas of the TAXII 2.1 resources (TAXII 2.1 §4).
    static var taxii: [String: Any] {
        let objects: [String: Any] = ["type": "array", "items": ["type": "object"]]
        return [
            "TAXIIDiscovery": object(["title": string, "description": string, "default": string, "api_roots": strings], required: ["title"]),
            "TAXIIAPIRoot": object(["title": string, "versions": strings, "max_content_length": integer], required: ["title", "versions"]),
            "TAXIICollection": object([
                "id": string, "title": string, "description": string, "can_read": ["type": "boolean"], "can_write": ["type": "boolean"],
                "media_types": strings,
            ], required: ["id", "title", "can_read", "can_write"]),
            "TAXIICollections": object(["collections": list("TAXIICollection")]),
            "TAXIIEnvelope": object(["more": ["type": "boolean"], "next": string, "objects": objects]),
            "TAXIIVersions": object(["more": ["type": "boolean"], "versions": strings]),
            "TAXIIManifest": object(["more": ["type": "boolean"], "next": string, "objects": objects]),
            "TAXIIStatus": object([
                "id": string, "status": string, "request_timestamp": time, "total_count": integer, "success_count": integer,
                "failure_count": integer, "pending_count": integer, "successes": objects, "failures": objects,
            ], required: ["id", "status", "total_count"]),
        ]
    }
}
