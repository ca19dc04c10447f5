import Crypto
import VigilCore

/// STIX 2.1 identifiers that stay the same from one export to the next: UUIDv5 (RFC 4122 §4.3)
/// in STIX's namespace over a cyber-observable's id-contributing properties (§2.9, canonical
/// JSON), and over Vigil's own ids for the objects it produces.
public enum STIXIdentifier {
    /// The STIX 2.1 namespace for deterministic SCO identifiers.
    static let scoNamespace: [UInt8] = uuidBytes("00abedb4-aa42-466c-9c01-fed23315a9b7")
    /// Vigil's namespace for the ids of the SDOs and SROs it writes.
    static let vigilNamespace: [UInt8] = uuidBytes("6b1f3c1e-8e0d-4a57-9c5e-5a1f0c9d2e41")

    /// `type--UUIDv5(STIX namespace, canonical JSON of the contributing properties)`.
    public static func observable(type: String, contributing json: [UInt8]) -> String {
        "\(type)--\(uuid5(namespace: scoNamespace, name: json))"
    }

    /// `type--UUIDv5(Vigil namespace, name)`: the same Vigil object always gets the same id.
    public static func produced(type: String, name: String) -> String {
        "\(type)--\(uuid5(namespace: vigilNamespace, name: Array(name.utf8)))"
    }

    /// A UUIDv5 in Vigil's namespace: the same name always gives the same UUID.
    public static func uuid(_ name: String) -> String { uuid5(namespace: vigilNamespace, name: Array(name.utf8)) }

    static func uuid5(namespace: [UInt8], name: [UInt8]) -> String {
        var digest = Array(Insecure.SHA1.hash(data: namespace + name).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (n, byte) in digest.enumerated() {
            if n == 4 || n == 6 || n == 8 || n == 10 { text.append(0x2D) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func uuidBytes(_ text: String) -> [UInt8] {
        let hex = Array(text.replacingOccurrences(of: "-", with: "").utf8)
        return stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }
}
