import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import VigilStore

/// Pulls an `http` source with a conditional request (ETag / If-Modified-Since), so that an
/// unchanged feed costs a 304 and no parsing.
public struct HTTPCollector: Sendable {
    /// What a pull brought.
    public enum Fetch: Sendable {
        /// 304: the feed did not change since the validators were stored.
        case notModified
        /// 200: the body, and the validators to send next time.
        case body([UInt8], etag: String?, lastModified: String?)
    }

    /// A pull that did not bring a feed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the URL.
        public let message: String
        public var description: String { message }
    }

    /// Seconds a pull may take, body included.
    public let timeoutSeconds: Int64

    /// A collector with the given timeout.
    public init(timeoutSeconds: Int64 = 120) { self.timeoutSeconds = timeoutSeconds }

    /// Fetches `source.location`, at most `source.maxBytes` of body.
    public func fetch(_ source: SourceRecord) async throws -> Fetch {
        var request = HTTPClientRequest(url: source.location)
        request.headers.add(name: "User-Agent", value: "Vigil/0.1 (feed collector)")
        if let etag = source.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified = source.lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        let deadline = NIODeadline.now() + .seconds(timeoutSeconds)
        let response: HTTPClientResponse
        do { response = try await HTTPClient.shared.execute(request, deadline: deadline) } catch {
            throw Failure(message: "cannot fetch \(source.location): \(error)")
        }
        switch response.status {
        case .notModified:
            return .notModified
        case .ok:
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > source.maxBytes {
                throw Failure(message: "\(source.location) announces \(length) bytes, over the source's max_bytes of \(source.maxBytes)")
            }
            let body: ByteBuffer
            do { body = try await response.body.collect(upTo: source.maxBytes) } catch let error as NIOTooManyBytesError {
                throw Failure(message: "\(source.location) sent more than the source's max_bytes of \(source.maxBytes) (\(error))")
            } catch {
                throw Failure(message: "\(source.location): the answer broke off before its end (\(error))")
            }
            return .body(Array(buffer: body), etag: response.headers.first(name: "ETag"),
                         lastModified: response.headers.first(name: "Last-Modified"))
        default:
            throw Failure(message: "\(source.location) answered HTTP \(response.status.code) \(response.status.reasonPhrase)")
        }
    }
}
