import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilFormats
import VigilServices

/// `/feeds/NAME.EXT` (the lists resolvers and firewalls load) and `/api/v1/blocklists`.
enum BlocklistRoutes {
    static func register(on table: EndpointTable, services: ServiceContainer) {
        let blocklists = services.blocklists
        table.add(Endpoint(
            .get, "/api/v1/blocklists", summary: "The blocklists the caller may fetch", tag: "blocklists",
            access: .authenticated, response: "BlocklistList")) { _, context in
            let policies = try await blocklists.policies(for: try context.requirePrincipal())
            return try .json(policies.map(Resources.Blocklist.init))
        }
        table.add(Endpoint(
            .get, "/feeds/{file}",
            summary: "A blocklist as NAME.EXT (rpz, nft, ipset, intel, txt, csv); ETag / If-None-Match; a token may come as ?token=",
            tag: "blocklists", access: .authenticated, mediaType: "text/plain")) { request, context in
            let file = try context.pathParameter("file")
            guard let dot = file.lastIndex(of: "."),
                  let format = BlocklistFormat.allCases.first(where: { $0.fileExtension == file[file.index(after: dot)...] })
            else {
                throw ServiceError.notFound("blocklist \(file)")
            }
            let name = String(file[..<dot])
            guard BlocklistPolicy.isValidName(name),
                  let rendered = try await blocklists.render(name: name, format: format, for: try context.requirePrincipal())
            else { throw ServiceError.notFound("blocklist \(file)") }
            var headers: HTTPFields = [.eTag: rendered.etag, .cacheControl: "no-cache"]
            if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces) == rendered.etag || $0.trimmingCharacters(in: .whitespaces) == "*"
            }) {
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentType] = format.contentType
            headers[HTTPField.Name("X-Vigil-Serial")!] = String(rendered.serial)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: rendered.text)))
        }
    }
}
