import Foundation

/// Every string the web UI shows, one JSON file per language in `WebUI/Catalogue`
/// (`en.json`, `zh.json`): templates read them as `{{t.key}}`, Swift code through `text`.
struct Catalogue: Sendable {
    /// The strings of each language by key.
    let strings: [UILanguage: [String: String]]

    /// Loads every language's file; a missing or malformed file is an error at start.
    init() throws {
        var strings: [UILanguage: [String: String]] = [:]
        for language in UILanguage.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Catalogue") else {
                throw CatalogueError.missingFile(language.rawValue)
            }
            guard let table = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: String] else {
                throw CatalogueError.malformed(language.rawValue)
            }
            strings[language] = table
        }
        self.strings = strings
    }

    /// The text of `key` in `language` with `{name}` placeholders filled; the key itself when it is missing
    /// (the catalogue test keeps that from shipping).
    func text(_ key: String, _ language: UILanguage, _ values: [String: String] = [:]) -> String {
        var text = strings[language]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Keys one language has and another lacks, as `language: key`.
    var missingKeys: [String] {
        let all = strings.values.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
        return UILanguage.allCases.flatMap { language in
            all.subtracting(strings[language]?.keys ?? [:].keys).sorted().map { "\(language.rawValue): \($0)" }
        }
    }
}

/// Why the catalogue could not be loaded.
enum CatalogueError: Error, CustomStringConvertible {
    case missingFile(String)
    case malformed(String)

    var description: String {
        switch self {
        case .missingFile(let language): "the UI catalogue \(language).json is missing from the bundle"
        case .malformed(let language): "the UI catalogue \(language).json is not a JSON object of strings"
        }
    }
}
