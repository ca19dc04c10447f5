import Foundation
import Yams

/// Collects the problems found while reading one configuration source (a file or the
/// environment), so that all of them can be reported together.
///
/// Also records which key paths the decoders asked for (`knownKeys`) and which the file
/// contained (`presentKeys`); tests use these to prove the sample lists every key.
final class ConfigurationDiagnostics {
    /// The file being read, as given; `nil` for the environment.
    let file: String?
    /// Problems found so far, in the order found.
    private(set) var problems: [ConfigurationError.Problem] = []
    /// Every key path a decoder asked for, present or not.
    private(set) var knownKeys: Set<String> = []
    /// Every key path the source contained.
    private(set) var presentKeys: Set<String> = []

    init(file: String?) {
        self.file = file
    }

    /// Records a problem at `line` (1-based) about `key`.
    func report(line: Int?, column: Int? = nil, key: String?, _ message: String) {
        problems.append(.init(file: file, line: line, column: column, key: key, message: message))
    }

    /// Appends problems found elsewhere (e.g. by the environment pass).
    func append(contentsOf other: ConfigurationDiagnostics) {
        problems += other.problems
    }

    func noteKnown(_ path: String) { knownKeys.insert(path) }
    func notePresent(_ path: String) { presentKeys.insert(path) }

    /// Throws every problem collected, if there is any, in line order (problems without a
    /// line keep their order, after those with one).
    func throwIfProblems() throws(ConfigurationError) {
        guard !problems.isEmpty else { return }
        let ordered = problems.enumerated().sorted { lhs, rhs in
            (lhs.element.line ?? .max, lhs.offset) < (rhs.element.line ?? .max, rhs.offset)
        }
        throw ConfigurationError(problems: ordered.map(\.element))
    }

    /// Records a YAML syntax error thrown by `Yams.compose`, with its line and column.
    func report(yamlError error: any Error, in yaml: String) {
        guard let yamlError = error as? YamlError else {
            report(line: nil, key: nil, "cannot parse YAML: \(error)")
            return
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text), line \(context.mark.line))"
            }
            if Self.character(at: mark, in: yaml) == "\t" {
                message += "; use spaces, not tabs, to indent"
            }
            report(line: mark.line, column: mark.column, key: nil, message)
        case let .reader(problem, offset, _, _):
            let position = offset.map { Self.lineAndColumn(ofCharacterOffset: $0, in: yaml) }
            report(line: position?.line, column: position?.column, key: nil, "invalid YAML input: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let first = context.mark
            let repeated = Self.lineOfRepeatedKey(key, after: first, in: yaml)
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            let label = duplicates.count == 1 ? "duplicate key" : "duplicate keys"
            report(
                line: repeated ?? first.line,
                key: nil,
                "\(label) \(names) (first defined on line \(first.line))"
            )
        default:
            report(line: nil, key: nil, "cannot parse YAML: \(yamlError)")
        }
    }

    /// The character at a 1-based line and column (columns count Unicode scalars), if any.
    static func character(at mark: Mark, in yaml: String) -> Character? {
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard mark.line >= 1, mark.line <= lines.count, mark.column >= 1 else { return nil }
        let scalars = lines[mark.line - 1].unicodeScalars
        guard mark.column <= scalars.count else { return nil }
        return Character(scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)])
    }

    /// Line and column (1-based) of the character at `offset`.
    static func lineAndColumn(ofCharacterOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Yams reports where a duplicated key first appears; find the line that repeats it, at
    /// the same indentation, so the message points at the line to delete.
    static func lineOfRepeatedKey(_ key: String, after first: Mark, in yaml: String) -> Int? {
        let indent = first.column - 1
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard first.line < lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index]
            guard line.count > indent, line.prefix(indent).allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            let rest = line.dropFirst(indent)
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                if rest.dropFirst(candidate.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return index + 1
                }
            }
        }
        return nil
    }
}
