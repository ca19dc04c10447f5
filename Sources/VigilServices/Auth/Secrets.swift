import Crypto
import Foundation

/// Random secrets and their digests: tokens, session ids, CSRF tokens, record ids.
public enum Secrets {
    /// `count` random bytes from the system CSPRNG, base64url without padding.
    public static func random(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64URL(Data(bytes))
    }

    /// Hex SHA-256 of `text`'s UTF-8 bytes.
    public static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// A new record id: a UUIDv7 (RFC 9562) in lower case — 48 bits of Unix milliseconds, then random
    /// bits — so that rows inserted together sit together in the primary-key B-tree instead of
    /// scattering page writes across it as random UUIDv4 would.
    /// Within one millisecond the random part counts up (RFC 9562 §6.2, method 3), which keeps ids
    /// monotonic in a process and asks the kernel for randomness once per millisecond, not per id.
    public static func newID() -> String {
        let (millis, randomA, randomB) = RecordIDClock.shared.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (40 - 8 * UInt64(index))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: randomA >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: randomA)
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: randomB >> (8 * UInt64(15 - index))) }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (index, digit) in hex(bytes).utf8.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
            text.append(digit)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Lower-case hex of `bytes`, by table: ids and digests are made on hot paths, where
    /// `String(format:)` per byte was the largest single cost of a bulk import.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Constant-time comparison of two strings, so that a CSRF check leaks no timing.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// The state behind `Secrets.newID()`: the last millisecond and the 12 + 62 random bits counted up
/// within it.
private final class RecordIDClock: @unchecked Sendable {
    static let shared = RecordIDClock()

    private let lock = NSLock()
    private var millis: UInt64 = 0
    private var randomA: UInt16 = 0
    private var randomB: UInt64 = 0

    func next() -> (millis: UInt64, randomA: UInt16, randomB: UInt64) {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        lock.lock()
        defer { lock.unlock() }
        if now > millis {
            var generator = SystemRandomNumberGenerator()
            millis = now
            randomA = UInt16.random(in: 0...0x0FFF, using: &generator)
            // The top bit stays clear so the count cannot overflow the 62 bits within a millisecond.
            randomB = UInt64.random(in: 0...(1 << 61), using: &generator)
        } else {
            // The same millisecond, or the wall clock stepped back: keep counting on the last one.
            randomB += 1
        }
        return (millis, randomA, randomB)
    }
}
