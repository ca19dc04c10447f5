import Crypto
import Foundation

/// Client addresses of sightings as a keyed HMAC-SHA256 (`p:` + 32 hex digits): the same
/// client always gives the same pseudonym, so counts per client still work, but the address
/// cannot be read back without the key, which never leaves the data directory.
struct ClientPseudonym: Sendable {
    /// `SymmetricKey` is immutable but not marked `Sendable`; made once, shared read-only.
    private final class Key: @unchecked Sendable {
        let value: SymmetricKey
        init(_ bytes: [UInt8]) { value = SymmetricKey(data: bytes) }
    }

    private let key: Key?

    /// Pseudonyms under the key in `DATA_DIR/client-pseudonym.key` (made on first use, mode
    /// 0600); with `enabled` false, addresses are kept as logged.
    init(enabled: Bool, dataDir: String) throws {
        guard enabled else {
            key = nil
            return
        }
        let path = (dataDir as NSString).appendingPathComponent("client-pseudonym.key")
        if let data = FileManager.default.contents(atPath: path), data.count >= 32 {
            key = Key([UInt8](data))
            return
        }
        let fresh = SymmetricKey(size: .bits256)
        let bytes = fresh.withUnsafeBytes { Data($0) }
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        key = Key([UInt8](bytes))
    }

    /// The stored form of `address` ("" stays "").
    func callAsFunction(_ address: String?) -> String {
        guard let address, !address.isEmpty else { return "" }
        guard let key else { return address }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(address.lowercased().utf8), using: key.value)
        return "p:" + Secrets.hex(Array(mac).prefix(16))
    }
}
