import Foundation
import Mustache
import VigilCore

/// The notice texts, one subject and one body template per language, from the mustache files in
/// `Notifications/Templates` (shipped as the module's resources).
struct NoticeTemplates: Sendable {
    private let subjects: [NoticeLanguage: MustacheTemplate]
    private let bodies: [NoticeLanguage: MustacheTemplate]

    /// Loads every language's templates; a missing or broken one is an error at start, not at send.
    init() throws {
        var subjects: [NoticeLanguage: MustacheTemplate] = [:]
        var bodies: [NoticeLanguage: MustacheTemplate] = [:]
        for language in NoticeLanguage.allCases {
            subjects[language] = try Self.load("notice-subject.\(language.rawValue)")
            bodies[language] = try Self.load("notice-body.\(language.rawValue)")
        }
        self.subjects = subjects
        self.bodies = bodies
    }

    /// The subject line (one line, trimmed) and body for `language`.
    func render(_ context: [String: Any], language: NoticeLanguage) -> (subject: String, body: String) {
        let subject = subjects[language]!.render(context)
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return (subject, bodies[language]!.render(context))
    }

    private static func load(_ name: String) throws -> MustacheTemplate {
        guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Templates") else {
            throw ServiceError.notFound("notice template \(name).mustache")
        }
        return try MustacheTemplate(string: String(contentsOf: url, encoding: .utf8))
    }
}
