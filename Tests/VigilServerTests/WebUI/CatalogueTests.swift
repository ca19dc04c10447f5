import Foundation
import Testing
import VigilCore
@testable import VigilServer
import VigilStore

/// Every string of the UI exists in every language: the keys the templates use, the keys the
/// Swift code looks up (literal and built from enum values), and no key only one language has.
@Suite("Web UI catalogue")
struct CatalogueTests {
    static let webUI = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Sources/VigilServer/WebUI").standardized

    static func matches(_ pattern: String, in folder: String, suffix: String) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: pattern)
        var found = Set<String>()
        let root = webUI.appendingPathComponent(folder)
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.lastPathComponent.hasSuffix(suffix) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                found.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        return found
    }

    @Test func bothLanguagesHaveTheSameKeys() throws {
        let catalogue = try Catalogue()
        #expect(catalogue.missingKeys.isEmpty, "\(catalogue.missingKeys)")
        #expect(catalogue.strings[.en]!.count > 100)
    }

    @Test func everyKeyTheTemplatesUseExists() throws {
        let catalogue = try Catalogue()
        let used = try Self.matches(#"\{\{[#^/]?t\.([a-zA-Z0-9_-]+)\}\}"#, in: "Templates", suffix: ".mustache")
        #expect(used.count > 80, "the templates were found and read")
        for language in UILanguage.allCases {
            let missing = used.subtracting(catalogue.strings[language]!.keys).sorted()
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing)")
        }
    }

    @Test func everyKeyTheCodeLooksUpExists() throws {
        let catalogue = try Catalogue()
        var used = try Self.matches(#"text\("([a-z0-9_-]+)""#, in: "Pages", suffix: ".swift")
        used.formUnion(try Self.matches(#"text\("([a-z0-9_-]+)""#, in: "../Middleware", suffix: ".swift"))
        used.formUnion(Navigation.items.map(\.key))
        used.formUnion(Role.allCases.map { "role_\($0.rawValue)" })
        used.formUnion(IndicatorStatus.allCases.map { "status_\($0.rawValue)" })
        used.formUnion(IndicatorSort.allCases.map { "sort_\($0.rawValue)" })
        used.formUnion(["exact", "prefix", "cidr"].map { "match_\($0)" })
        used.formUnion(["active", "expired", "revoked"].map { "token_\($0)" })
        used.formUnion(["revoked", "false-positive", "tlp"].map { "indicator_done_\($0)" })
        used.formUnion(AppealStatus.allCases.map { "appeal_status_\($0.rawValue)" })
        used.formUnion(OrderStatus.allCases.map { "order_status_\($0.rawValue)" })
        used.formUnion(OrderPages.answers.map { "order_done_\($0.verb)" })
        #expect(used.contains("login_wrong"), "the code was found and read")
        for language in UILanguage.allCases {
            let missing = used.subtracting(catalogue.strings[language]!.keys).sorted()
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing)")
        }
    }

    @Test func placeholdersAreFilledAndChineseIsChinese() throws {
        let catalogue = try Catalogue()
        #expect(catalogue.text("login_rate_limited", .en, ["minutes": "3"]) == "Too many failed logins. Try again in 3 minutes.")
        #expect(catalogue.text("login_rate_limited", .zh, ["minutes": "3"]).contains("3 分钟"))
        let untranslated = catalogue.strings[.zh]!.filter { key, value in
            value == catalogue.strings[.en]![key] && value.unicodeScalars.contains { CharacterSet.letters.contains($0) && $0.isASCII }
        }
        #expect(untranslated.isEmpty, "left in English in zh.json: \(untranslated.keys.sorted())")
    }

    @Test(arguments: [
        ("zh-CN,zh;q=0.9,en;q=0.8", UILanguage.zh), ("en-GB,en;q=0.9", .en), ("de-DE,zh-Hans;q=0.5", .zh),
        ("fr, en;q=0.1, zh;q=0.2", .zh), ("zh;q=0", .en), ("", .en),
    ])
    func acceptLanguageChoosesTheBestSpokenLanguage(header: String, expected: UILanguage) {
        #expect(UILanguage.preferred(acceptLanguage: header) == expected)
    }
}
