import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The UI's stylesheet and script, read once from `WebUI/Assets` and served with a long cache
/// lifetime and an ETag, so that a page costs one request after the first visit.
struct Assets: Sendable {
    struct File: Sendable {
        let bytes: [UInt8]
        let contentType: String
        let etag: String
    }

    let files: [String: File]

    init() throws {
        var files: [String: File] = [:]
        for (name, type) in [("vigil.css", "text/css; charset=utf-8"), ("vigil.js", "text/javascript; charset=utf-8")] {
            let parts = name.split(separator: ".")
            guard let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]), subdirectory: "Assets") else {
                throw CatalogueError.missingFile(name)
            }
            let bytes = Array(try Data(contentsOf: url))
            let digest = SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined()
            files[name] = File(bytes: bytes, contentType: type, etag: "\"\(digest)\"")
        }
        self.files = files
    }

    /// The asset `name`, or 304 when the browser's copy is current; nil for unknown names.
    func response(_ name: String, ifNoneMatch: String?) -> Response? {
        guard let file = files[name] else { return nil }
        var headers: HTTPFields = [.contentType: file.contentType, .eTag: file.etag, .cacheControl: "public, max-age=86400"]
        if ifNoneMatch == file.etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
