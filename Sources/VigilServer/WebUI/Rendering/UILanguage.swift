/// The languages the web UI speaks.
enum UILanguage: String, CaseIterable, Sendable {
    /// English.
    case en
    /// Simplified Chinese.
    case zh

    /// The `lang` attribute of a page in this language.
    var htmlTag: String { self == .zh ? "zh-Hans" : "en" }

    /// The language's own name, as the switch shows it.
    var nativeName: String { self == .zh ? "中文" : "English" }

    /// The first language of an `Accept-Language` header the UI speaks, by quality; English otherwise.
    static func preferred(acceptLanguage header: String?) -> UILanguage {
        guard let header else { return .en }
        var best: (language: UILanguage, quality: Double)?
        for part in header.split(separator: ",").prefix(20) {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = fields.first else { continue }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard quality > 0, let language = UILanguage(rawValue: primary) else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language ?? .en
    }
}
