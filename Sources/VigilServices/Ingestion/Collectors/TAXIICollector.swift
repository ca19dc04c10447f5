import AsyncHTTPClient
import Foundation
import NIOCore
import VigilStore

/// Pulls a TAXII 2.1 collection (a `taxii` source: its location is the collection's URL),
/// incrementally: `added_after` the last `X-TAXII-Date-Added-Last` seen (kept in the source's
/// `lastModified`), following `next` while the server says `more`. Credentials come from the
/// source's options: `username` with the password in the environment variable named by
/// `password_env`, or a bearer token in the variable named by `token_env`; never stored.
public struct TAXIICollector: Sendable {
    /// What a pull brought: the objects as one STIX bundle, and the new `added_after` mark.
    public struct Pull: Sendable {
        public var bundle: [UInt8]
        public var objects: Int
        public var addedLast: String?
    }

    static let pageSize = 500
    static let mediaType = "application/taxii+json;version=2.1"
    let timeoutSeconds: Int64
    let environment: [String: String]

    /// A collector reading credentials from `environment`.
    public init(timeoutSeconds: Int64 = 120, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
    }

    /// Pulls what was added since the source's mark, at most `source.maxBytes` in all.
    public func pull(_ source: SourceRecord) async throws -> Pull {
        let base = source.location.hasSuffix("/") ? source.location : source.location + "/"
        var objects: [Any] = []
        var next: String?
        var addedLast = source.lastModified
        var total = 0
        repeat {
            var url = base + "objects/?limit=\(Self.pageSize)"
            if let after = source.lastModified { url += "&added_after=" + Self.escaped(after) }
            if let next { url += "&next=" + Self.escaped(next) }
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: Self.mediaType)
            request.headers.add(name: "User-Agent", value: "Vigil/0.1 (TAXII collector)")
            if let authorization = try authorization(source) { request.headers.add(name: "Authorization", value: authorization) }
            let response: HTTPClientResponse
            do { response = try await HTTPClient.shared.execute(request, deadline: .now() + .seconds(timeoutSeconds)) } catch {
                throw HTTPCollector.Failure(message: "cannot fetch \(url): \(error)")
            }
            guard response.status == .ok else {
                throw HTTPCollector.Failure(message: "\(url) answered HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            let body = try await response.body.collect(upTo: max(1, source.maxBytes - total))
            total += body.readableBytes
            guard let envelope = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
                throw HTTPCollector.Failure(message: "\(url) did not answer with a TAXII envelope")
            }
            objects += envelope["objects"] as? [Any] ?? []
            if let last = response.headers.first(name: "X-TAXII-Date-Added-Last"), last > (addedLast ?? "") { addedLast = last }
            next = (envelope["more"] as? Bool ?? false) ? envelope["next"] as? String : nil
        } while next != nil
        let bundle: [String: Any] = ["type": "bundle", "id": "bundle--" + UUID().uuidString.lowercased(), "objects": objects]
        return Pull(bundle: Array(try JSONSerialization.data(withJSONObject: bundle)), objects: objects.count, addedLast: addedLast)
    }

    private func authorization(_ source: SourceRecord) throws -> String? {
        if let name = source.options["token_env"] {
            guard let token = environment[name], !token.isEmpty else {
                throw HTTPCollector.Failure(message: "source \(source.name): environment variable \(name) (token_env) is not set")
            }
            return "Bearer " + token
        }
        guard let user = source.options["username"] else { return nil }
        let password = source.options["password_env"].flatMap { environment[$0] } ?? ""
        return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    private static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
