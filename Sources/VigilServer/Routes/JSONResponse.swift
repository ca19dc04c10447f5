import Foundation
import Hummingbird
import VigilCore

extension Response {
    /// A JSON response with sorted keys.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// Decodes a JSON body within the context's size limit.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: VigilRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
    }

    /// A query parameter, bounded in length.
    func query(_ name: String) throws -> String? {
        // The router decodes values, not names: clients percent-encode names such as TAXII's `match[type]`.
        let found = uri.queryParameters[Substring(name)]
            ?? uri.queryParameters.first { String($0.key).removingPercentEncoding == name }?.value
        guard let value = found.map(String.init), !value.isEmpty else { return nil }
        guard value.utf8.count <= 2048 else {
            throw HTTPError(.badRequest, message: "query parameter \(name) is longer than 2048 bytes")
        }
        return value
    }
}

extension VigilRequestContext {
    /// The caller; only call behind a non-public endpoint, where the table has checked it.
    func requirePrincipal() throws -> VigilCore.Principal {
        guard let principal else { throw HTTPError(.unauthorized) }
        return principal
    }

    /// A required path parameter.
    func pathParameter(_ name: String) throws -> String {
        guard let value = parameters.get(name), value.utf8.count <= 200 else {
            throw HTTPError(.badRequest, message: "bad path parameter \(name)")
        }
        return value
    }
}
