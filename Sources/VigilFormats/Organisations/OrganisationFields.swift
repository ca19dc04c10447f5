import Foundation
import VigilCore

/// Turns the named fields of one import record (a CSV row or a JSON object) into a profile,
/// collecting a problem per bad field, so CSV and JSON accept exactly the same values.
enum OrganisationFields {
    /// A field as read: one text, or a list (JSON arrays; CSV cells split on `;`, `,`-free).
    enum Value {
        case text(String)
        case list([String])
        case flag(Bool)
        case number(Int)

        var items: [String] {
            switch self {
            case .text(let text):
                text.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" || $0 == "|" }).map(String.init)
            case .list(let items): items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case .flag(let flag): [flag ? "true" : "false"]
            case .number(let n): [String(n)]
            }
        }

        var single: String {
            switch self {
            case .text(let text): text.trimmingCharacters(in: .whitespaces)
            case .list(let items): items.joined(separator: ";")
            case .flag(let flag): flag ? "true" : "false"
            case .number(let n): String(n)
            }
        }
    }

    /// Every field name an import may carry.
    static let names = [
        "name", "country", "sector", "critical_infrastructure", "protection_level", "language", "notice_period",
        "asns", "prefixes", "domains", "contacts", "webhook_url", "webhook_secret",
    ]

    /// Upper bounds, so one record cannot hold the whole routing table by mistake.
    static let maxItemsPerField = 10_000
    static let maxTextBytes = 512

    /// The profile of `fields`, or nil after adding the record's problems to `problems`.
    static func profile(
        _ fields: [String: Value], at position: OrganisationImportProblem.Position,
        problems: inout [OrganisationImportProblem]
    ) -> OrganisationProfile? {
        var found: [OrganisationImportProblem] = []
        func fail(_ field: String, _ message: String) { found.append(.init(position, field: field, message)) }
        for key in fields.keys where !names.contains(key) { fail(key, "unknown field") }

        let name = fields["name"]?.single ?? ""
        if name.isEmpty { fail("name", "is required") }
        var profile = OrganisationProfile(name: name)
        for (field, value) in fields where value.single.utf8.count > maxTextBytes && !["asns", "prefixes", "domains", "contacts"].contains(field) {
            fail(field, "longer than \(maxTextBytes) bytes")
        }
        if let country = fields["country"]?.single, !country.isEmpty {
            if country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) { profile.country = country.uppercased() } else { fail("country", "\"\(country)\" is not a two-letter country code") }
        }
        profile.sector = fields["sector"]?.single ?? ""
        if let value = fields["critical_infrastructure"] {
            switch value.single.lowercased() {
            case "", "false", "no", "0": profile.criticalInfrastructure = false
            case "true", "yes", "1": profile.criticalInfrastructure = true
            case let other: fail("critical_infrastructure", "\"\(other)\" is not true or false")
            }
        }
        if let value = fields["protection_level"]?.single, !value.isEmpty {
            if let level = Int(value), OrganisationProfile.protectionLevels.contains(level) { profile.protectionLevel = level } else { fail("protection_level", "\"\(value)\" is not a level from 1 to 5") }
        }
        if let value = fields["language"]?.single, !value.isEmpty {
            if let language = NoticeLanguage(rawValue: value.lowercased()) { profile.language = language } else { fail("language", "\"\(value)\" is not en or zh") }
        }
        if let value = fields["notice_period"]?.single, !value.isEmpty {
            if let period = NoticePeriod(rawValue: value.lowercased()) { profile.noticePeriod = period } else { fail("notice_period", "\"\(value)\" is not immediate, hourly or daily") }
        }
        func each(_ field: String, _ parse: (String) throws -> Void) {
            guard let items = fields[field]?.items else { return }
            if items.count > maxItemsPerField { return fail(field, "more than \(maxItemsPerField) entries") }
            for item in items {
                do { try parse(item) } catch { fail(field, "\"\(item)\": \(error)") }
            }
        }
        each("asns") { profile.asns.append(try ASNumber(parsing: $0)) }
        each("prefixes") { item in
            if item.contains(":") { profile.prefixes6.append(try IPv6Network(parsing: item)) } else { profile.prefixes4.append(try IPv4Network(parsing: item)) }
        }
        each("domains") { profile.domains.append(try DomainName(parsing: $0)) }
        each("contacts") { profile.contacts.append(try EmailAddress(parsing: $0)) }
        if let url = fields["webhook_url"]?.single, !url.isEmpty {
            if let problem = webhookProblem(url) { fail("webhook_url", problem) } else { profile.webhookURL = url }
        }
        if let secret = fields["webhook_secret"]?.single, !secret.isEmpty {
            if secret.utf8.count < 16 { fail("webhook_secret", "shorter than 16 bytes") } else { profile.webhookSecret = secret }
        }
        if profile.webhookURL != nil, profile.webhookSecret == nil { fail("webhook_secret", "is required with webhook_url") }
        guard found.isEmpty else {
            problems.append(contentsOf: found)
            return nil
        }
        return profile
    }

    /// Why `url` cannot receive notices, or nil: HTTPS, or HTTP to a loopback host (tests, relays on the same machine).
    static func webhookProblem(_ url: String) -> String? {
        let lower = url.lowercased()
        if lower.hasPrefix("https://") { return url.count > 8 ? nil : "has no host" }
        if lower.hasPrefix("http://") {
            let host = lower.dropFirst(7).prefix { $0 != "/" && $0 != "?" }
            let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.split(separator: ":").first ?? "")
            if ["127.0.0.1", "localhost", "[::1]"].contains(name) { return nil }
            return "plain http is allowed to loopback only; use https"
        }
        return "is not an https URL"
    }
}
