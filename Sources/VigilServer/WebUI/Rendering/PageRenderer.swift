import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import VigilCore

/// Renders the web UI's pages: one mustache template per page (`WebUI/Templates`) inside
/// `layout.mustache`, with the strings of the reader's language as `t`. Mustache escapes every
/// `{{value}}`; only HTML built here (charts, the page body into the layout) uses `{{{…}}}`.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let catalogue: Catalogue

    /// Loads every template and the catalogue; a missing or broken one fails the start.
    init() throws {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw CatalogueError.missingFile("Templates")
        }
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
        catalogue = try Catalogue()
    }

    /// A whole page: `template` rendered with `data`, inside the layout with the navigation for the reader.
    func page(
        _ template: String, title: String, data: [String: Any] = [:], frame: PageFrame,
        status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        var context = Self.droppingNils(data)
        let strings = catalogue.strings[frame.language] ?? [:]
        context["t"] = strings
        context["csrf"] = frame.csrf
        let body = library.render(context, withTemplate: template) ?? ""
        let layout: [String: Any] = Self.droppingNils([
            "t": strings, "lang": frame.language.htmlTag, "title": title, "body": body, "csrf": frame.csrf,
            "user": frame.principal.map { ["name": $0.username, "role": text("role_\($0.role.rawValue)", frame)] } as Any,
            "nav": Navigation.items.filter { frame.allows($0.access) }.map { item in
                ["href": item.href, "label": text(item.key, frame), "current": Navigation.isCurrent(item.href, frame.location)]
            },
            "languages": UILanguage.allCases.map { language in
                ["code": language.rawValue, "name": language.nativeName, "current": language == frame.language]
            },
            "return_to": frame.location,
        ])
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var allHeaders: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        allHeaders.append(contentsOf: headers)
        if let cookie = frame.csrfCookieHeader { allHeaders.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: allHeaders, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The entries whose value is not an empty optional, also inside nested rows: mustache takes a
    /// wrapped `nil` for a value and would render the section.
    static func droppingNils(_ data: [String: Any]) -> [String: Any] {
        var kept: [String: Any] = [:]
        for (key, value) in data {
            switch value {
            case let rows as [[String: Any]]: kept[key] = rows.map(droppingNils)
            case let nested as [String: Any]: kept[key] = droppingNils(nested)
            default:
                let mirror = Mirror(reflecting: value)
                guard mirror.displayStyle != .optional else {
                    if let wrapped = mirror.children.first?.value { kept[key] = wrapped }
                    continue
                }
                kept[key] = value
            }
        }
        return kept
    }

    /// The catalogue text of `key` in the frame's language.
    func text(_ key: String, _ frame: PageFrame, _ values: [String: String] = [:]) -> String {
        catalogue.text(key, frame.language, values)
    }

    /// The catalogue text of `key` in `language`.
    func text(_ key: String, _ language: UILanguage, _ values: [String: String] = [:]) -> String {
        catalogue.text(key, language, values)
    }
}

/// The menu: each entry shows only to readers its page lets in.
enum Navigation {
    struct Item: Sendable {
        let href: String, key: String, access: EndpointAccess
    }


    static let items: [Item] = [
        Item(href: "/", key: "nav_dashboard", access: .authenticated),
        Item(href: "/indicators", key: "nav_indicators", access: .authenticated),
        Item(href: "/sightings", key: "nav_sightings", access: .authenticated),
        Item(href: "/sources", key: "nav_sources", access: .authenticated),
        Item(href: "/orders", key: "nav_orders", access: .authenticated),
        Item(href: "/notices", key: "nav_notices", access: .authenticated),
        Item(href: "/appeals", key: "nav_appeals", access: .staff),
        Item(href: "/partners", key: "nav_partners", access: .staff),
        Item(href: "/admin/users", key: "nav_users", access: .admin),
        Item(href: "/admin/organisations", key: "nav_organisations", access: .staff),
        Item(href: "/admin/audit", key: "nav_audit", access: .admin),
        Item(href: "/profile", key: "nav_profile", access: .authenticated),
    ]

    static func isCurrent(_ href: String, _ location: String) -> Bool {
        let path = location.split(separator: "?", maxSplits: 1).first.map(String.init) ?? location
        return href == "/" ? path == "/" : path == href || path.hasPrefix(href + "/")
    }
}
