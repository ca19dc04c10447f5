import Testing
import VigilCore
import VigilMatch

/// Checks `raw` (parsed as `type`) against `set` through both entry points, which must agree.
func warningHit(_ set: WarningListSet, _ type: IndicatorType, _ raw: String) throws -> WarningHit? {
    let value = try IndicatorValue(parsing: raw, as: type, allowingMixedScripts: true)
    let hit = set.check(value)
    #expect(set.check(value.parsed) == hit, "check(parsed) disagrees for \(type.rawValue) \(raw)")
    return hit
}

/// A set of one list parsed from `text` (which must be valid).
func singleListSet(_ name: String, _ text: String, options: WarningList.Options = []) throws -> WarningListSet {
    WarningListSet([try WarningList(name: name, description: "test list", parsing: text, options: options)])
}

/// One expected outcome: the value, and the list and entry it must hit (nil: no hit).
struct WarningCase: CustomTestStringConvertible, Sendable {
    var type: IndicatorType
    var raw: String
    var list: String?
    var matched: String?
    var relation: WarningHit.Relation?

    init(_ type: IndicatorType, _ raw: String, _ list: String? = nil, _ matched: String? = nil,
         _ relation: WarningHit.Relation? = nil) {
        self.type = type
        self.raw = raw
        self.list = list
        self.matched = matched
        self.relation = relation
    }

    var testDescription: String { "\(type.rawValue) \(raw) → \(list.map { "\($0): \(matched ?? "?")" } ?? "no hit")" }

    /// Expects the outcome for `set`.
    func verify(_ set: WarningListSet) throws {
        let hit = try warningHit(set, type, raw)
        #expect(hit?.list == list, "\(testDescription): got \(hit?.description ?? "no hit")")
        if let matched { #expect(hit?.matched == matched, "\(testDescription): got \(hit?.description ?? "no hit")") }
        if let relation { #expect(hit?.relation == relation, "\(testDescription): got \(hit?.description ?? "no hit")") }
    }
}
