import Foundation
import Hummingbird
import VigilCore
import VigilMatch
import VigilServices
import VigilStore

/// `/api/v1/sightings` (what telemetry matched, as the caller may see it), `/api/v1/matcher`
/// (the compiled set and its reload) and `/api/v1/telemetry` (a sensor posts a log batch).
enum MatchingRoutes {

    static func register(on table: EndpointTable, services: ServiceContainer) {
        let matching = services.matching
        table.add(Endpoint(
            .get, "/api/v1/sightings", summary: "Hourly sighting counts of indicators visible to the caller, newest first",
            tag: "sightings", access: .authenticated, response: "SightingList",
            query: [
                QueryParameter("indicator_id", "string", "one indicator's sightings"),
                QueryParameter("observer", "string", "one observer's sightings"),
                QueryParameter("before", "string", "RFC 3339 time: rows last seen before it (the next page)"),
                QueryParameter("limit", "integer", "page size, 1-1000 (default 100)"),
            ])) { request, context in
            let before = try Resources.millis(query: "before", of: request)
            let limit = try request.query("limit").map { text -> Int in
                guard let n = Int(text), (1...1000).contains(n) else {
                    throw ServiceError.invalid(field: "limit", message: "an integer from 1 to 1000")
                }
                return n
            } ?? 100
            let rows = try await matching.sightings(
                indicatorID: try request.query("indicator_id"), observer: try request.query("observer"), before: before,
                limit: limit, for: try context.requirePrincipal())
            return try .json(rows.map(Resources.Sighting.init))
        }
        table.add(Endpoint(
            .get, "/api/v1/matcher", summary: "The compiled indicator set telemetry is matched against", tag: "sightings",
            access: .staff, response: "MatcherState")) { _, _ in
            let generation = matching.compiled.generation
            return try .json(Resources.MatcherState(
                generation: generation.number, indicators: generation.set.count, bytes: generation.set.memoryBytes))
        }
        table.add(Endpoint(
            .post, "/api/v1/matcher/reload", summary: "Recompile the indicator set now (scans in progress switch at their next block)",
            tag: "sightings", access: .staff, response: "MatcherReload")) { _, _ in
            let report = try await matching.reload()
            MatchMetrics.compiled(report)
            return try .json(report)
        }
        table.add(Endpoint(
            .post, "/api/v1/telemetry",
            summary: "Match a batch of log lines (the body, plain or gzip) and store the hits as sightings",
            tag: "sightings", access: .staff, response: "ScanReport",
            query: [
                QueryParameter("format", "string", TelemetryFormat.allCases.map(\.rawValue).joined(separator: ", ")),
                QueryParameter("observer", "string", "the sensor's name, recorded on every sighting"),
                QueryParameter("columns", "string", "flow-csv column map, e.g. source=src_ip,destination=dst_ip"),
            ])) { request, context in
            guard let formatName = try request.query("format"), let format = TelemetryFormat(rawValue: formatName) else {
                throw ServiceError.invalid(
                    field: "format", message: "one of \(TelemetryFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let observer = try request.query("observer"), !observer.isEmpty else {
                throw ServiceError.invalid(field: "observer", message: "the sensor's name is required")
            }
            var options = MatchService.ScanOptions(threads: 1)
            if let columns = try request.query("columns") {
                do { options.flowColumns = try FlowCSVScanner.ColumnMap(parsing: columns) } catch {
                    throw ServiceError.invalid(field: "columns", message: "\(error)")
                }
            }
            _ = try context.requirePrincipal()
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let report = try await matching.scan(
                .bytes(Array(buffer: body)), format: format, observer: observer, options: options)
            MatchMetrics.record(report.statistics, observer: "api", format: format)
            return try .json(report)
        }
    }
}

extension Resources {
    /// One hourly sighting row.
    struct Sighting: Codable, Sendable {
        let indicator_id: String, indicator_type: String, indicator_value: String, observer: String, client: String
        let hour: String?, count: Int64, first_seen: String?, last_seen: String?, organisation_id: String?

        init(_ row: SightingStore.Row) {
            indicator_id = row.indicatorID
            indicator_type = row.indicatorType
            indicator_value = row.indicatorValue
            observer = row.observer
            client = row.client
            hour = time(row.hour)
            count = row.count
            first_seen = time(row.firstSeen)
            last_seen = time(row.lastSeen)
            organisation_id = row.organisationID
        }
    }

    /// Totals of one indicator's sightings.
    struct SightingSummary: Codable, Sendable {
        let count: Int64, first_seen: String?, last_seen: String?, observers: Int

        init(_ summary: SightingStore.Summary) {
            count = summary.count
            first_seen = time(summary.firstSeen)
            last_seen = time(summary.lastSeen)
            observers = summary.observers
        }
    }

    /// The compiled set in use.
    struct MatcherState: Codable, Sendable {
        let generation: Int, indicators: Int, bytes: Int
    }
}

extension OpenAPISchemas {
    /// Schemas of `/api/v1/sightings`, `/api/v1/matcher` and `/api/v1/telemetry`.
    static var matching: [String: Any] {
        [
            "Sighting": object([
                "indicator_id": string, "indicator_type": string, "indicator_value": string, "observer": string,
                "client": ["type": "string", "description": "pseudonymised (p:…) unless matching.pseudonymise_clients is false"],
                "hour": time, "count": integer, "first_seen": time, "last_seen": time,
                "organisation_id": ["type": ["string", "null"], "description": "the organisation whose network the client is in"],
            ], required: ["indicator_id", "observer", "count"]),
            "SightingList": list("Sighting"),
            "SightingSummary": object(["count": integer, "first_seen": time, "last_seen": time, "observers": integer],
                                      required: ["count"]),
            "MatcherState": object(["generation": integer, "indicators": integer, "bytes": integer], required: ["generation"]),
            "MatcherReload": object(["generation": integer, "indicators": integer, "bytes": integer, "milliseconds": integer],
                                    required: ["generation", "indicators"]),
            "ScanReport": object([
                "input": string, "format": string, "observer": string, "sightingRows": integer,
                "generations": ["type": "array", "items": integer],
                "statistics": object([
                    "lines": integer, "bytes": integer, "records": integer, "skipped": integer, "malformed": integer,
                    "hits": integer,
                    "samples": ["type": "array", "items": object(["line": integer, "reason": string, "text": string])],
                ]),
            ], required: ["statistics"]),
        ]
    }
}
