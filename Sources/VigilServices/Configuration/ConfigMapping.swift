import Foundation
import VigilCore
import Yams

/// A YAML mapping being decoded. Decoders ask for keys by name; every key of the mapping
/// that no decoder asked for is reported as unknown (with a "did you mean" suggestion)
/// when the decoder returns. Obtain one through ``ConfigNode/mapping(_:)`` or
/// ``section(_:_:)``, never directly, so the unknown-key check always runs.
///
/// Accessors return `nil` when the key is absent *or* its value is wrong (the problem has
/// then been reported), so decoders keep their defaults with `?? current`:
///
///     poolSize = mapping.int("pool_size", in: Self.poolSizeRange) ?? poolSize
final class ConfigMapping {
    /// Dotted key path of the mapping itself; empty for the root.
    let path: String
    let diagnostics: ConfigurationDiagnostics
    private let entries: [(key: String, keyLine: Int?, value: Node)]
    private var requested: [String] = []

    init(pairs: [(Node, Node)], path: String, diagnostics: ConfigurationDiagnostics) {
        self.path = path
        self.diagnostics = diagnostics
        var entries: [(key: String, keyLine: Int?, value: Node)] = []
        for (key, value) in pairs {
            guard case let .scalar(scalar) = key else {
                diagnostics.report(
                    line: key.mark?.line,
                    key: path.isEmpty ? nil : path,
                    "keys must be plain names, not a list or mapping"
                )
                continue
            }
            entries.append((scalar.string, key.mark?.line, value))
            diagnostics.notePresent(Self.join(path, scalar.string))
        }
        self.entries = entries
    }

    /// The value under `key`, or `nil` if the mapping lacks it. Marks `key` as known.
    func value(_ key: String) -> ConfigNode? {
        requested.append(key)
        let keyPath = Self.join(path, key)
        diagnostics.noteKnown(keyPath)
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        return ConfigNode(
            node: entry.value,
            path: keyPath,
            line: entry.keyLine ?? entry.value.mark?.line,
            diagnostics: diagnostics
        )
    }

    /// Every key of the mapping, for free-form sections such as a source's format options.
    var keys: [String] { entries.map(\.key) }

    /// A required string; a null value is a problem.
    func string(_ key: String) -> String? {
        value(key)?.string()
    }

    /// A required string passed through `parse`.
    func parsed<T>(_ key: String, _ parse: (String) throws(ConfigurationError.InvalidValue) -> T) -> T? {
        value(key)?.parsed(parse)
    }

    /// An optional string passed through `parse`: absent or null gives `nil` (unset).
    func optional<T>(_ key: String, _ parse: (String) throws(ConfigurationError.InvalidValue) -> T) -> T? {
        guard let node = value(key), !node.isNull else { return nil }
        return node.parsed(parse)
    }

    /// A TLP label, read leniently (`amber`, `TLP:AMBER`, `white` for CLEAR).
    func tlp(_ key: String) -> TLP? {
        parsed(key) { text throws(ConfigurationError.InvalidValue) in
            do { return try TLP(parsing: text) } catch { throw .init("\(error)") }
        }
    }

    /// A threat-taxonomy name.
    func threatType(_ key: String) -> ThreatType? {
        parsed(key) { text throws(ConfigurationError.InvalidValue) in
            do { return try ThreatType(parsing: text) } catch { throw .init("\(error)") }
        }
    }

    /// An integer, checked against `range`.
    func int(_ key: String, in range: ClosedRange<Int>? = nil) -> Int? {
        value(key)?.int(in: range)
    }

    /// A boolean.
    func bool(_ key: String) -> Bool? {
        value(key)?.bool()
    }

    /// One of the cases of `type`, matched without regard to case.
    func oneOf<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        value(key)?.oneOf(type)
    }

    /// A nested mapping decoded by `body`. An absent, null or mistyped section is decoded
    /// from an empty mapping, so `body` returns its defaults (a mistyped one is reported).
    func section<T>(_ key: String, _ body: (ConfigMapping) -> T) -> T {
        if let node = value(key), let result = node.mapping(body) {
            return result
        }
        let empty = ConfigMapping(pairs: [], path: Self.join(path, key), diagnostics: diagnostics)
        return body(empty)
    }

    /// Reports every key no decoder asked for. Called by ``ConfigNode/mapping(_:)``.
    func reportUnknownKeys() {
        let known = Set(requested)
        for entry in entries where !known.contains(entry.key) {
            var message = "unknown key \"\(entry.key)\""
            if let suggestion = Self.closestKey(to: entry.key, among: requested) {
                message += " (did you mean \"\(suggestion)\"?)"
            } else if !requested.isEmpty, requested.count <= 16 {
                let list = requested.map { "\"\($0)\"" }.joined(separator: ", ")
                message += " (expected one of \(list))"
            }
            diagnostics.report(line: entry.keyLine, key: path.isEmpty ? nil : path, message)
        }
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

extension ConfigMapping {
    /// The candidate closest to `key` by edit distance, if it is close enough to be a likely typo.
    static func closestKey(to key: String, among candidates: some Sequence<String>) -> String? {
        let lowered = key.lowercased().replacingOccurrences(of: "-", with: "_")
        var best: (key: String, distance: Int)?
        for candidate in candidates {
            let distance = lowered == candidate ? 0 : editDistance(lowered, candidate)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, best.key.count / 3))
        return best.distance <= allowed ? best.key : nil
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
