import Foundation
import Hummingbird
import VigilCore
import VigilFormats
import VigilServices
import VigilStore

/// `/api/v1/sources`: define and list sources, read import reports, and push items (JSON or NDJSON).
enum SourceRoutes {
    /// Field map of pushed items: the `jsonl` format with Vigil's own field names.
    static let pushFields: FeedOptions = [
        "value_field": "value", "type_field": "type", "threat_type_field": "threat_type", "tags_field": "tags",
        "confidence_field": "confidence", "id_field": "id", "tlp_field": "tlp", "first_seen_field": "first_seen",
        "description_field": "description",
    ]

    static func register(on table: EndpointTable, services: ServiceContainer) {
        table.add(Endpoint(
            .get, "/api/v1/sources", summary: "Sources visible to the caller", tag: "sources", access: .authenticated,
            response: "SourceList")) { _, context in
            try .json(try await services.sources.list(for: try context.requirePrincipal()).map(Resources.Source.init))
        }
        table.add(Endpoint(
            .post, "/api/v1/sources", summary: "Define a source", tag: "sources", access: .staff,
            request: "SourceDefinition", response: "Source", status: 201)) { request, context in
            let definition = try await request.decodeJSON(SourceDefinition.self, context: context)
            let record = try await services.sources.add(definition, by: try context.requirePrincipal())
            return try .json(Resources.Source(record), status: .created)
        }
        table.add(Endpoint(
            .get, "/api/v1/sources/{name}/reports", summary: "Import reports of a source, newest first", tag: "sources",
            access: .authenticated, response: "ImportRunList")) { _, context in
            let runs = try await services.ingest.reports(source: try context.pathParameter("name"), for: try context.requirePrincipal())
            return try .json(runs.map(Resources.ImportRun.init))
        }
        table.add(Endpoint(
            .get, "/api/v1/imports/{id}/rejections", summary: "Rejected lines of one import run", tag: "sources",
            access: .authenticated, response: "RejectionList")) { _, context in
            let rejections = try await services.ingest.rejections(runID: try context.pathParameter("id"), for: try context.requirePrincipal())
            return try .json(rejections.map(Resources.Rejection.init))
        }
        table.add(Endpoint(
            .post, "/api/v1/sources/{name}/items",
            summary: "Push items (a JSON array, or NDJSON) to a push source; answers per item", tag: "sources",
            access: .authenticated, request: "PushItems", response: "PushReport")) { request, context in
            let principal = try context.requirePrincipal()
            let name = try context.pathParameter("name")
            let source = try await services.sources.find(name: name, for: principal)
            guard source.kind == "push" else { throw ServiceError.conflict("source \(name) is a \(source.kind) source, not a push source") }
            let body = try await request.body.collect(upTo: min(context.maxUploadSize, source.maxBytes))
            let lines = try ndjson(Array(buffer: body))
            var pushed = source
            pushed.format = "jsonl"
            pushed.options = pushFields
            var options = Ingestor.Options()
            options.recordOutcomes = true
            let report = try await services.ingest.run(
                source: pushed, input: .bytes(Array(lines.joined(separator: [0x0A]))), actor: principal.username, options: options)
            let items = (0..<lines.count).map { index in
                Resources.PushItem(index: index, outcome: report.outcomes[index + 1], rejection: report.lineRejections[index + 1])
            }
            return try .json(Resources.PushReport(run: Resources.ImportRun(report.run), items: items))
        }
    }

    /// The body as one JSON text per item: a JSON array is split into its elements; anything else is NDJSON.
    static func ndjson(_ bytes: [UInt8]) throws -> [[UInt8]] {
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard trimmed.first == UInt8(ascii: "[") else {
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            while lines.last?.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) == true { lines.removeLast() }
            return lines
        }
        guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed)) as? [Any] else {
            throw ServiceError.invalid(field: "body", message: "not a JSON array of items (or NDJSON)")
        }
        return try array.map { element in
            guard JSONSerialization.isValidJSONObject([element]) else {
                throw ServiceError.invalid(field: "body", message: "array elements must be JSON objects")
            }
            return Array(try JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed]))
        }
    }
}
