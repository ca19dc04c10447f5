import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// The constituency: an organisation's detail (all for CERT staff, its own otherwise), the
/// import of organisations and of the routing table, and owner lookups. The list is in `AccountRoutes`.
enum ConstituencyRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let constituency = services.constituency
        table.add(Endpoint(
            .get, "/api/v1/organisations/{id}", summary: "One organisation with its networks, domains, ASes and contacts",
            tag: "constituency", access: .authenticated, response: "OrganisationDetail")) { _, context in
            let found = try await constituency.find(id: try context.pathParameter("id"), for: try context.requirePrincipal())
            return try .json(Resources.OrganisationDetail(found))
        }
        table.add(Endpoint(
            .post, "/api/v1/organisations/import",
            summary: "Create or update organisations from CSV or JSON; bad records are reported with position and field",
            tag: "constituency", access: .admin, response: "OrganisationImportReport",
            query: [QueryParameter("format", "string", "csv or json (default: by the first character)")])) { request, context in
            let principal = try context.requirePrincipal()
            let format = try request.query("format")
            if let format, !["csv", "json"].contains(format) {
                throw ServiceError.invalid(field: "format", message: "csv or json")
            }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            return try .json(try await constituency.importOrganisations(Array(buffer: body), format: format, actor: principal.username))
        }
        table.add(Endpoint(
            .post, "/api/v1/routing-table",
            summary: "Replace the prefix-to-AS table (CAIDA pfx2as text) that extends organisations' ASes to prefixes",
            tag: "constituency", access: .admin, response: "RoutingImportReport")) { request, context in
            let principal = try context.requirePrincipal()
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let report = try await constituency.importRoutingTable(Array(buffer: body), actor: principal.username)
            return try .json(Resources.RoutingImportReport(routes: report.routes, problems: report.problems, remapped: report.remapped))
        }
        table.add(Endpoint(
            .get, "/api/v1/owners", summary: "The organisation owning an address, network, domain, URL, e-mail address or AS",
            tag: "constituency", access: .staff, response: "Owner",
            query: [QueryParameter("value", "string", "the resource")])) { request, context in
            guard let text = try request.query("value"), let value = try? IndicatorValue(detecting: text) else {
                throw ServiceError.invalid(field: "value", message: "an address, network, domain, URL, e-mail address or AS")
            }
            let owner = try await constituency.owner(of: value, for: try context.requirePrincipal())
            return try .json(Resources.Owner(value: value.canonical, type: value.type.rawValue,
                                             organisation_id: owner?.id, organisation_name: owner?.name))
        }
    }
}

extension Resources {
    /// An organisation as listed.
    struct Organisation: Codable, Sendable {
        let id: String, name: String, country: String, sector: String, critical_infrastructure: Bool
        let protection_level: Int, language: String, notice_period: String, has_webhook: Bool, created_at: String?

        init(_ record: OrganisationRecord) {
            id = record.id
            name = record.name
            country = record.country
            sector = record.sector
            critical_infrastructure = record.criticalInfrastructure
            protection_level = record.protectionLevel
            language = record.language.rawValue
            notice_period = record.noticePeriod.rawValue
            has_webhook = !record.webhookURL.isEmpty
            created_at = time(record.createdAt)
        }
    }

    /// An organisation with its resources; the webhook secret is never shown.
    struct OrganisationDetail: Codable, Sendable {
        let organisation: Organisation, webhook_url: String, asns: [String], prefixes: [String], domains: [String]
        let contacts: [String]

        init(_ found: ConstituencyService.Organisation) {
            organisation = Organisation(found.record)
            webhook_url = found.record.webhookURL
            asns = found.resources.asns
            prefixes = found.resources.prefixes
            domains = found.resources.domains
            contacts = found.resources.contacts
        }
    }

    /// What a routing-table import did.
    struct RoutingImportReport: Codable, Sendable {
        let routes: Int, problems: [String], remapped: Int
    }

    /// Who owns a resource.
    struct Owner: Codable, Sendable {
        let value: String, type: String, organisation_id: String?, organisation_name: String?
    }
}

extension OpenAPISchemas {
    /// Schemas of the constituency routes.
    static var constituency: [String: Any] {
        let organisation = object([
            "id": string, "name": string, "country": string, "sector": string, "critical_infrastructure": ["type": "boolean"],
            "protection_level": integer, "language": enumeration(["en", "zh"]),
            "notice_period": enumeration(["immediate", "hourly", "daily"]), "has_webhook": ["type": "boolean"], "created_at": time,
        ], required: ["id", "name"])
        return [
            "Organisation": organisation,
            "OrganisationList": list("Organisation"),
            "OrganisationDetail": object([
                "organisation": ref("Organisation"), "webhook_url": string, "asns": strings, "prefixes": strings,
                "domains": strings, "contacts": strings,
            ], required: ["organisation"]),
            "OrganisationImportReport": object(["created": integer, "updated": integer, "problems": strings, "remapped": integer],
                                               required: ["created", "updated", "problems"]),
            "RoutingImportReport": object(["routes": integer, "problems": strings, "remapped": integer], required: ["routes"]),
            "Owner": object(["value": string, "type": string, "organisation_id": nullableString, "organisation_name": nullableString],
                            required: ["value"]),
        ]
    }
}
