import Foundation
import Hummingbird
import VigilCore
import VigilFormats
import VigilServices
import VigilStore

/// `/indicators`: search with filters, sort and cursor pages, CSV export of a result, and one
/// indicator's detail with the actions the reader's role allows.
enum IndicatorPages {
    /// Rows a CSV export carries at most.
    static let exportLimit = 100_000

    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/indicators", summary: "Indicator search page", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            var data = try await form(request, services: services, principal: principal, frame: frame, ui: ui)
            do {
                let page = try await services.indicators.search(try query(request), for: principal)
                data["rows"] = page.items.map { row($0) }
                data["has_rows"] = !page.items.isEmpty
                if let next = page.nextCursor { data["next"] = "/indicators?" + parameters(request, cursor: next.token) }
            } catch ServiceError.invalid(let field, let message) {
                data["message"] = ui.text("search_invalid", frame, ["field": field, "message": message])
                return ui.renderer.page("indicators", title: ui.text("indicators_title", frame), data: data, frame: frame, status: .unprocessableContent)
            }
            data["export"] = "/indicators/export.csv?" + parameters(request, cursor: nil)
            return ui.renderer.page("indicators", title: ui.text("indicators_title", frame), data: data, frame: frame)
        }
        table.add(Endpoint(.get, "/indicators/export.csv", summary: "CSV export of an indicator search", tag: "ui",
                           access: .authenticated, mediaType: "text/csv")) { request, context in
            try await export(try query(request), for: try context.requirePrincipal(), services: services)
        }
        table.add(Endpoint(.get, "/indicators/{id}", summary: "Indicator detail page", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let data = try await IndicatorDetailPage.data(
                id: try context.pathParameter("id"), request: request, principal: try context.requirePrincipal(),
                services: services, frame: frame, ui: ui)
            return ui.renderer.page("indicator", title: data["value"] as? String ?? "", data: data, frame: frame)
        }
        IndicatorDetailPage.registerActions(on: table, services: services, ui: ui)
    }

    /// The search of a page request: the box `q` is an exact value, a prefix or a CIDR block by `match`.
    static func query(_ request: Request) throws -> IndicatorQuery {
        let match = try request.query("match") ?? "exact"
        let box = try request.query("q")?.trimmingCharacters(in: .whitespaces)
        return try IndicatorRoutes.query { name in
            switch name {
            case "value": return match == "exact" ? box.map(canonicalGuess) : nil
            case "prefix": return match == "prefix" ? box : nil
            case "cidr": return match == "cidr" ? box : nil
            case "limit": return "50"
            default: return try request.query(name)
            }
        }
    }

    /// An exact value as typed, canonicalised when its type can be told (`Example.COM` → `example.com`).
    static func canonicalGuess(_ raw: String) -> String {
        (try? IndicatorValue(detecting: raw).canonical) ?? raw
    }

    static let filterNames = ["q", "match", "type", "source", "tlp", "status", "threat_type", "tag", "sort"]

    /// The page's filters as a query string, with `cursor` for the next page.
    static func parameters(_ request: Request, cursor: String?) -> String {
        var items = filterNames.compactMap { name in (try? request.query(name)).flatMap { $0 }.map { URLQueryItem(name: name, value: $0) } }
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        var components = URLComponents()
        components.queryItems = items
        return components.percentEncodedQuery ?? ""
    }

    /// The search form, refilled from the request, with the choices for each filter.
    static func form(
        _ request: Request, services: ServiceContainer, principal: Principal, frame: PageFrame, ui: WebUI
    ) async throws -> [String: Any] {
        func value(_ name: String) -> String { ((try? request.query(name)) ?? nil) ?? "" }
        func options(_ name: String, _ choices: [(value: String, label: String)]) -> [[String: Any]] {
            choices.map { ["value": $0.value, "label": $0.label, "selected": $0.value == value(name)] }
        }
        let sources = try await services.sources.list(for: principal)
        return [
            "q": value("q"), "tag": value("tag"),
            "match": options("match", ["exact", "prefix", "cidr"].map { ($0, ui.text("match_\($0)", frame)) }),
            "types": options("type", IndicatorType.allCases.map { ($0.rawValue, $0.rawValue) }),
            "sources": options("source", sources.map { ($0.id, $0.name) }),
            "tlps": options("tlp", TLP.allCases.map { ($0.rawValue, $0.rawValue) }),
            "statuses": options("status", IndicatorStatus.allCases.map { ($0.rawValue, ui.text("status_\($0.rawValue)", frame)) }),
            "threat_types": options("threat_type", ThreatType.allCases.map { ($0.rawValue, $0.rawValue) }),
            "sorts": options("sort", IndicatorSort.allCases.map { ($0.rawValue, ui.text("sort_\($0.rawValue)", frame)) }),
        ]
    }

    static func row(_ indicator: IndicatorRecord) -> [String: Any] {
        [
            "id": indicator.id, "value": indicator.value, "type": indicator.type.rawValue, "tlp": indicator.tlp.rawValue,
            "status": indicator.status.rawValue, "threat_type": indicator.threatType.rawValue,
            "confidence": indicator.confidence, "created": WebUI.time(indicator.createdAt),
        ]
    }

    /// Every indicator of the search (up to `exportLimit`) as CSV; cells that a spreadsheet would
    /// run as a formula are prefixed with `'`.
    static func export(_ base: IndicatorQuery, for principal: Principal, services: ServiceContainer) async throws -> Response {
        var query = base
        query.limit = IndicatorQuery.maxLimit
        query.cursor = nil
        var bytes = Array("value,type,tlp,status,threat_type,confidence,tags,first_seen,last_seen,created_at\r\n".utf8)
        var written = 0
        while written < exportLimit {
            let page = try await services.indicators.search(query, for: principal)
            for item in page.items {
                let cells = [
                    item.value, item.type.rawValue, item.tlp.rawValue, item.status.rawValue, item.threatType.rawValue,
                    String(item.confidence), item.tags.joined(separator: " "), CivilDate.rfc3339(millis: item.firstSeen),
                    CivilDate.rfc3339(millis: item.lastSeen), CivilDate.rfc3339(millis: item.createdAt),
                ]
                for (index, cell) in cells.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    CSVFields.append(neutralisingFormula(cell), to: &bytes)
                }
                bytes += [0x0D, 0x0A]
            }
            written += page.items.count
            guard let next = page.nextCursor else { break }
            query.cursor = next
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"indicators.csv\""],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func neutralisingFormula(_ cell: String) -> String {
        guard let first = cell.first, "=+-@\t\r".contains(first) else { return cell }
        return "'" + cell
    }
}
