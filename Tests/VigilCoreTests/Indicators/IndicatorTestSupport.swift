import Testing
import VigilCore

/// The reason `body` failed with, or nil if it did not throw.
func failureReason(_ body: () throws -> Void) -> IndicatorParseError.Reason? {
    do {
        try body()
        return nil
    } catch let error as IndicatorParseError {
        return error.reason
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// A string of `n` copies of `s`.
func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

/// A 10,000-character hostile input.
let tenThousand = repeated("a", 10_000)
