import Foundation

/// Typed, lenient access to what `JSONSerialization` decodes: a wrong type gives nil, never a trap.
///
/// `JSONSerialization` refuses documents nested more than 512 levels deep with an error, so no
/// input can exhaust the stack; the walkers here only follow fixed paths, never recurse.
enum LooseJSON {
    /// The top-level value of a JSON text (an object or an array), or a one-sentence reason.
    static func parse(_ bytes: some Sequence<UInt8>) -> Result<Any, FeedFieldProblem> {
        do {
            return .success(try JSONSerialization.jsonObject(with: Data(bytes)))
        } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            return .failure(FeedFieldProblem("invalid JSON: \(detail)"))
        }
    }

    /// The value as an object.
    static func object(_ value: Any?) -> [String: Any]? { value as? [String: Any] }

    /// The value as an array.
    static func array(_ value: Any?) -> [Any]? { value as? [Any] }

    /// True for JSON `null`.
    static func isNull(_ value: Any?) -> Bool { value is NSNull }

    /// The value as a string.
    static func string(_ value: Any?) -> String? { value as? String }

    /// The value as a non-empty string after trimming blanks.
    static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return nil }
        let trimmed = string.feedTrimmed()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// True for `true`/`false` (which Foundation also lets through `as? Int`).
    static func isBoolean(_ number: NSNumber) -> Bool {
        number.objCType.pointee == 0x63  // "c", the type code of a JSON boolean
    }

    /// A whole number: a JSON number (not a boolean) without fraction, or a string of digits.
    static func integer(_ value: Any?) -> Int64? {
        if let number = value as? NSNumber, !(value is String) {
            guard !isBoolean(number) else { return nil }
            let double = number.doubleValue
            guard double.isFinite, double.rounded() == double, abs(double) < 9.0e15 else { return nil }
            return number.int64Value
        }
        if let string = value as? String {
            let trimmed = string.feedTrimmed()
            guard !trimmed.isEmpty, trimmed.utf8.count <= 18,
                  trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int64(trimmed)
        }
        return nil
    }

    /// A boolean: `true`/`false`, or the strings `"true"`, `"false"`, `"1"`, `"0"` (older MISP).
    static func bool(_ value: Any?) -> Bool? {
        if let number = value as? NSNumber, !(value is String) {
            if isBoolean(number) { return number.boolValue }
            switch number.intValue {
            case 0: return false
            case 1: return true
            default: return nil
            }
        }
        switch (value as? String)?.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }

    /// A string, or a whole number written out (ids, AS numbers).
    static func scalarText(_ value: Any?) -> String? {
        if let text = text(value) { return text }
        return integer(value).map { String($0) }
    }

    /// What the value is, for rejection reasons: "a string", "a number", "nothing" (absent)…
    static func kind(_ value: Any?) -> String {
        switch value {
        case nil: "nothing"
        case is String: "a string"
        case is NSNull: "null"
        case let number as NSNumber: isBoolean(number) ? "a boolean" : "a number"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        default: "an unknown value"
        }
    }

    /// The value at a dotted path (`ioc.value`): a key holding the whole path wins, then each
    /// dot-separated step is a key of an object.
    static func value(at path: String, in root: Any?) -> Any? {
        guard let object = root as? [String: Any] else { return nil }
        if let whole = object[path] { return whole }
        var current: Any? = object
        for step in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = (current as? [String: Any])?[String(step)] else { return nil }
            current = next
        }
        return current
    }

    /// Epoch milliseconds from a JSON time: a `FeedTime` string or epoch digits, or a number of
    /// epoch seconds (milliseconds above 99,999,999,999); the reason when it is neither.
    static func time(_ value: Any?) -> Result<Int64, FeedFieldProblem> {
        if let string = value as? String { return FeedFieldText.time(string) }
        if let number = integer(value), let millis = FeedFieldText.time(epoch: number) { return .success(millis) }
        return .failure(FeedFieldProblem("expected a time, found \(kind(value))"))
    }
}
