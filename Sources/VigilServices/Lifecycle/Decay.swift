import Foundation
import VigilCore

/// How an indicator's score fades when no source lists it any more (SPEC C1).
///
/// `score = confidence × 0.5^(days since last seen / half-life of its type)`. Addresses change hands
/// fast, file hashes never do, so the half-lives differ by type. An active indicator whose score
/// falls below `expiryThreshold`, or whose validity window ended, expires.
public enum Decay {
    /// Score under which an indicator expires.
    public static let expiryThreshold = 10.0

    /// Half-life in days per type.
    public static func halfLifeDays(_ type: IndicatorType) -> Double {
        switch type {
        case .ipv4, .ipv6: 14
        case .cidr4, .cidr6, .url: 30
        case .domain, .domainSuffix, .email: 60
        case .asn: 180
        case .md5, .sha1, .sha256: 365
        }
    }

    /// The decayed score at `now` (epoch milliseconds).
    public static func score(confidence: Int, type: IndicatorType, lastSeen: Int64, now: Int64) -> Double {
        let days = max(0, Double(now - lastSeen) / 86_400_000)
        return Double(confidence) * pow(0.5, days / halfLifeDays(type))
    }
}
