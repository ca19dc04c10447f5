import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem details body.
public struct Problem: Codable, Sendable, Equatable {
    /// A URI naming the problem type.
    public var type: String
    /// Short, human-readable summary of the type.
    public var title: String
    /// HTTP status.
    public var status: Int
    /// What went wrong in this case.
    public var detail: String
    /// The request path.
    public var instance: String?
    /// For invalid input: the field at fault.
    public var field: String?

    /// The response carrying this problem, `application/problem+json`.
    func response(headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extra)
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
