import Foundation

/// Time as the store keeps it: milliseconds since the Unix epoch.
public enum Clock {
    /// Now, in epoch milliseconds.
    public static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// A date as epoch milliseconds.
    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// Epoch milliseconds as a date.
    public static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
