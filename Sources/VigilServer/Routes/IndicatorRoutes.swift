import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/api/v1/indicators`: search with filters and cursor pagination, create, read, revoke.
enum IndicatorRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let indicators = services.indicators
        table.add(Endpoint(
            .get, "/api/v1/indicators", summary: "Search indicators visible to the caller", tag: "indicators",
            access: .authenticated, response: "IndicatorPage",
            query: [
                QueryParameter("value", "string", "exact value (canonicalised first when type is given)"),
                QueryParameter("prefix", "string", "canonical value starts with"),
                QueryParameter("type", "string", "indicator type"), QueryParameter("tlp", "string", "TLP label"),
                QueryParameter("status", "string", "lifecycle status"),
                QueryParameter("threat_type", "string", "threat type"), QueryParameter("tag", "string", "tag"),
                QueryParameter("source", "string", "source id"),
                QueryParameter("cidr", "string", "addresses and networks within this block (e.g. 192.0.2.0/24)"),
                QueryParameter("sort", "string", "newest (default), oldest or value"),
                QueryParameter("limit", "integer", "page size, 1-1000 (default 100)"),
                QueryParameter("cursor", "string", "next_cursor of the previous page"),
            ])) { request, context in
            let page = try await indicators.search(try query(from: request), for: try context.requirePrincipal())
            return try .json(Resources.IndicatorPage(items: page.items.map(Resources.Indicator.init), next_cursor: page.nextCursor?.token))
        }
        table.add(Endpoint(
            .post, "/api/v1/indicators", summary: "Create an indicator", tag: "indicators", access: .staff,
            request: "NewIndicator", response: "Indicator", status: 201)) { request, context in
            let input = try await request.decodeJSON(NewIndicator.self, context: context)
            let record = try await indicators.create(input, by: try context.requirePrincipal())
            return try .json(Resources.Indicator(record), status: .created)
        }
        table.add(Endpoint(
            .get, "/api/v1/indicators/{id}", summary: "An indicator with provenance and history", tag: "indicators",
            access: .authenticated, response: "IndicatorDetail")) { _, context in
            let principal = try context.requirePrincipal()
            let detail = try await indicators.detail(id: try context.pathParameter("id"), for: principal)
            let sightings = try await services.matching.summary(indicatorID: detail.indicator.id, for: principal)
            return try .json(Resources.IndicatorDetail(detail, sightings: sightings))
        }
        table.add(Endpoint(
            .post, "/api/v1/indicators/{id}/revoke", summary: "Revoke an indicator", tag: "indicators",
            access: .staff, request: "Revocation", response: "Indicator")) { request, context in
            let body = try await request.decodeJSON(Resources.Revocation.self, context: context)
            let record = try await indicators.revoke(
                id: try context.pathParameter("id"), reason: body.reason, by: try context.requirePrincipal())
            return try .json(Resources.Indicator(record))
        }
        table.add(Endpoint(
            .post, "/api/v1/indicators/{id}/false-positive", summary: "Mark an indicator a false positive",
            tag: "indicators", access: .staff, request: "Revocation", response: "Indicator")) { request, context in
            let body = try await request.decodeJSON(Resources.Revocation.self, context: context)
            let record = try await indicators.markFalsePositive(
                id: try context.pathParameter("id"), reason: body.reason, by: try context.requirePrincipal())
            return try .json(Resources.Indicator(record))
        }
        table.add(Endpoint(
            .post, "/api/v1/indicators/{id}/tlp", summary: "Change an indicator's TLP label", tag: "indicators",
            access: .staff, request: "TLPChange", response: "Indicator")) { request, context in
            let body = try await request.decodeJSON(Resources.TLPChange.self, context: context)
            guard let tlp = try? TLP(parsing: body.tlp) else {
                throw ServiceError.invalid(field: "tlp", message: "unrecognised TLP label \"\(body.tlp.prefix(40))\"")
            }
            let record = try await indicators.changeTLP(
                id: try context.pathParameter("id"), to: tlp, reason: body.reason ?? "", by: try context.requirePrincipal())
            return try .json(Resources.Indicator(record))
        }
    }

    /// `POST /api/v1/lifecycle/expire`: the expiry job, now.
    static func registerLifecycle(on table: EndpointTable, services: ServiceContainer) {
        table.add(Endpoint(
            .post, "/api/v1/lifecycle/expire", summary: "Run the expiry job now", tag: "indicators", access: .staff,
            response: "ExpiryReport")) { _, context in
            try .json(try await services.lifecycle.expire(by: try context.requirePrincipal()))
        }
    }

    /// Reads the search filters; a bad filter is a 422 naming the parameter.
    static func query(from request: Request) throws -> IndicatorQuery {
        try query { try request.query($0) }
    }

    /// Reads the search filters through `parameter` (a name to its value, nil when absent).
    static func query(_ parameter: (String) throws -> String?) throws -> IndicatorQuery {
        func parse<T>(_ name: String, _ make: (String) throws -> T?) throws -> T? {
            guard let raw = try parameter(name) else { return nil }
            guard let value = try? make(raw) else {
                throw ServiceError.invalid(field: name, message: "unrecognised value \"\(raw.prefix(60))\"")
            }
            return value
        }
        let type = try parse("type") { IndicatorType(rawValue: $0) }
        var value = try parameter("value")
        if let raw = value, let type {
            do { value = try IndicatorValue(parsing: raw, as: type).canonical } catch {
                throw ServiceError.invalid(field: "value", message: "\(error)")
            }
        }
        let limit = try parse("limit") { Int($0).flatMap { (1...IndicatorQuery.maxLimit).contains($0) ? $0 : nil } }
        return IndicatorQuery(
            value: value, valuePrefix: try parameter("prefix")?.lowercased(), type: type,
            tlp: try parse("tlp") { try TLP(parsing: $0) }, status: try parse("status") { IndicatorStatus(rawValue: $0) },
            threatType: try parse("threat_type") { try ThreatType(parsing: $0) }, tag: try parameter("tag"),
            sourceID: try parameter("source"),
            within: try parse("cidr") { try AddressRange(searching: $0) },
            sort: try parse("sort") { IndicatorSort(rawValue: $0) } ?? .newest, limit: limit ?? 100,
            cursor: try parse("cursor") { IndicatorCursor(token: $0) })
    }
}
