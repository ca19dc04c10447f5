import Foundation
import Yams

/// One value of the configuration tree, with where it came from: its dotted key path and
/// the line to blame. Typed accessors check the YAML type and report a problem (returning
/// `nil`) instead of throwing, so decoding carries on and every problem is reported.
///
/// Later sections read lists with ``sequence()`` and nested objects with ``mapping(_:)``:
///
///     let sources = mapping.value("sources")?.sequence()?.compactMap { item in
///         item.mapping(Source.init(from:))
///     } ?? []
struct ConfigNode {
    /// The YAML node.
    let node: Node
    /// Dotted key path of this value (`server.listen`, `sources[0]`); empty for the root.
    let path: String
    /// The 1-based line reported for problems with this value (the key's line for mapping
    /// values, so a message points at `key:` rather than somewhere inside the value).
    let line: Int?
    let diagnostics: ConfigurationDiagnostics

    /// Composes `yaml` into a root node, or reports the syntax error and returns `nil`.
    /// An empty document (nothing but comments) gives a null root, read as an empty mapping.
    static func root(yaml: String, diagnostics: ConfigurationDiagnostics) -> ConfigNode? {
        do {
            let node = try Yams.compose(yaml: yaml) ?? Node("", .init(.null))
            return ConfigNode(node: node, path: "", line: node.mark?.line, diagnostics: diagnostics)
        } catch {
            diagnostics.report(yamlError: error, in: yaml)
            return nil
        }
    }

    /// Records a problem about this value.
    func report(_ message: String) {
        diagnostics.report(line: line, key: path.isEmpty ? nil : path, message)
    }

    /// Whether the value is YAML null (`key:`, `key: ~`, `key: null`).
    var isNull: Bool {
        if case .scalar = node { return hasTag(.null) }
        return false
    }

    /// The value as a mapping, decoded by `body`, which reads keys from it; afterwards every
    /// key `body` did not read is reported as unknown. A null value counts as an empty
    /// mapping; anything else is a problem and gives `nil`.
    func mapping<T>(_ body: (ConfigMapping) -> T) -> T? {
        let pairs: [(Node, Node)]
        switch node {
        case let .mapping(mapping):
            pairs = mapping.map { ($0.key, $0.value) }
        case .scalar where isNull:
            pairs = []
        default:
            report("expected a mapping of keys to values, got \(describe())")
            return nil
        }
        let reader = ConfigMapping(pairs: pairs, path: path, diagnostics: diagnostics)
        let result = body(reader)
        reader.reportUnknownKeys()
        return result
    }

    /// The elements of a YAML sequence, each with path `path[i]` and its own line. A null
    /// value counts as an empty list.
    func sequence() -> [ConfigNode]? {
        switch node {
        case let .sequence(sequence):
            return sequence.enumerated().map { index, element in
                ConfigNode(
                    node: element,
                    path: "\(path)[\(index)]",
                    line: element.mark?.line ?? line,
                    diagnostics: diagnostics
                )
            }
        case .scalar where isNull:
            return []
        default:
            report("expected a list, got \(describe())")
            return nil
        }
    }

    /// The value as text. Any non-null scalar is accepted as written (so `data_dir: 2024`
    /// is the string "2024").
    func string() -> String? {
        guard case let .scalar(scalar) = node, !isNull else {
            report("expected a string, got \(describe())")
            return nil
        }
        return scalar.string
    }

    /// The value as text, then through `parse`, which may reject it.
    func parsed<T>(_ parse: (String) throws(ConfigurationError.InvalidValue) -> T) -> T? {
        guard let text = string() else { return nil }
        do {
            return try parse(text)
        } catch {
            report(error.message)
            return nil
        }
    }

    /// The value as an integer (decimal, `0x…`, `0o…`, `_` separators allowed), checked
    /// against `range`. A quoted number is a string, not an integer.
    func int(in range: ClosedRange<Int>? = nil) -> Int? {
        guard case let .scalar(scalar) = node, hasTag(.int) else {
            report("expected an integer, got \(describe())")
            return nil
        }
        guard let value = Int.construct(from: scalar) else {
            report("integer \(scalar.string) is too large")
            return nil
        }
        if let range, !range.contains(value) {
            report("\(value) out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    /// The value as a boolean (`true`/`false`; YAML 1.1 `yes`/`no`/`on`/`off` also work).
    func bool() -> Bool? {
        guard case let .scalar(scalar) = node, hasTag(.bool), let value = Bool.construct(from: scalar) else {
            report("expected true or false, got \(describe())")
            return nil
        }
        return value
    }

    /// The value as one of the cases of `type`, matched without regard to case.
    func oneOf<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> E? where E.RawValue == String {
        parsed { text throws(ConfigurationError.InvalidValue) in try Self.parseCase(text, as: type) }
    }

    /// A short description of the value for messages: `"eight"`, `8.5`, `null`, `a list`.
    func describe() -> String {
        switch node {
        case let .scalar(scalar):
            if isNull { return "null" }
            if hasTag(.str) { return "\"\(Self.abbreviate(scalar.string))\"" }
            return Self.abbreviate(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func hasTag(_ name: Tag.Name) -> Bool {
        node.tag.rawValue == name.rawValue
    }

    private static func abbreviate(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\n", with: "⏎")
        return oneLine.count > 40 ? oneLine.prefix(39) + "…" : oneLine
    }
}

extension ConfigNode {
    /// Finds the case of `type` whose raw value is `text`, ignoring case, or throws a message
    /// listing the allowed values. Shared by the YAML and environment readers.
    static func parseCase<E: RawRepresentable & CaseIterable>(
        _ text: String, as type: E.Type
    ) throws(ConfigurationError.InvalidValue) -> E where E.RawValue == String {
        if let value = E(rawValue: text.lowercased()) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw .init("\"\(text)\" is not one of \(allowed)")
    }

    /// Parses a decimal integer (with optional `_` separators) and checks it against `range`.
    /// Used for environment variables, where YAML typing does not apply.
    static func parseInteger(_ text: String, in range: ClosedRange<Int>) throws(ConfigurationError.InvalidValue) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }),
              let value = Int(trimmed)
        else {
            throw .init("expected an integer, got \"\(text)\"")
        }
        guard range.contains(value) else {
            throw .init("\(value) out of range \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }
}
