import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

/// Posts a notice's JSON to an organisation's webhook, signed so the receiver can check that it
/// comes from Vigil and was not changed or replayed:
///
///     X-Vigil-Delivery:  the notice id (the same on every retry: receivers drop repeats by it)
///     X-Vigil-Timestamp: Unix seconds of this attempt
///     X-Vigil-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))
struct WebhookSender: Sendable {
    let timeoutSeconds: Int64

    /// The signature header's value for `body` signed at `timestamp`.
    static func signature(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        var signed = Array("\(timestamp).".utf8)
        signed.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Posts `body` once.
    func post(_ body: String, to url: String, secret: String, deliveryID: String, now: Int64) async -> DeliveryOutcome {
        let bytes = Array(body.utf8)
        let timestamp = now / 1000
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "Vigil notices")
        request.headers.add(name: "X-Vigil-Delivery", value: deliveryID)
        request.headers.add(name: "X-Vigil-Timestamp", value: String(timestamp))
        request.headers.add(name: "X-Vigil-Signature", value: Self.signature(secret: secret, timestamp: timestamp, body: bytes))
        request.body = .bytes(ByteBuffer(bytes: bytes))
        do {
            let response = try await HTTPClient.shared.execute(request, deadline: .now() + .seconds(timeoutSeconds))
            let status = Int(response.status.code)
            let text = (try? await response.body.collect(upTo: 65_536)).map { String(buffer: $0) } ?? ""
            switch status {
            case 200..<300: return .sent("HTTP \(status)")
            case 408, 429, 500...: return .retry("HTTP \(status) \(text.prefix(200))")
            default: return .refused("HTTP \(status) \(text.prefix(200))")
            }
        } catch let error as HTTPClientError where error == .invalidURL || error == .emptyHost || error == .emptyScheme {
            return .refused("bad webhook URL: \(error)")
        } catch {
            return .retry("\(error)")
        }
    }
}
