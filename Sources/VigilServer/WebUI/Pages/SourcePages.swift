import Foundation
import Hummingbird
import VigilCore
import VigilServices
import VigilStore

/// `/sources`: status, last and next run, import reports with their rejected lines, run now,
/// and the upload of a file to ingest.
enum SourcePages {
    /// Kinds of source that Vigil collects from their own location (the others are pushed or uploaded).
    static let collectable: Set<String> = ["file", "folder", "http", "taxii", "misp-feed"]

    static func register(on table: EndpointTable, services: ServiceContainer, ui: WebUI) {
        table.add(Endpoint(.get, "/sources", summary: "Sources page", tag: "ui", access: .authenticated,
                           mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let sources = try await services.sources.list(for: try context.requirePrincipal())
            let rows = sources.map { source in
                [
                    "name": source.name, "kind": source.kind, "format": source.format,
                    "enabled": source.enabled ? ui.text("yes", frame) : ui.text("no", frame),
                    "last_run": WebUI.time(source.lastRunAt), "next_run": nextRun(source).map(WebUI.time) ?? "",
                    "reliability": source.reliability, "tlp": source.defaultTLP.rawValue,
                ] as [String: Any]
            }
            return ui.renderer.page("sources", title: ui.text("sources_title", frame), data: ["sources": rows], frame: frame)
        }
        table.add(Endpoint(.get, "/sources/{name}", summary: "One source with its import reports", tag: "ui",
                           access: .authenticated, mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let principal = try context.requirePrincipal()
            let source = try await services.sources.find(name: try context.pathParameter("name"), for: principal)
            let runs = try await services.ingest.reports(source: source.name, for: principal)
            let data: [String: Any] = [
                "name": source.name, "kind": source.kind, "format": source.format, "location": source.location,
                "last_run": WebUI.time(source.lastRunAt), "next_run": nextRun(source).map(WebUI.time) ?? "",
                "can_run": collectable.contains(source.kind) && source.enabled,
                "can_upload": source.enabled,
                "runs": runs.map { run(row: $0, frame, ui) },
            ]
            return ui.renderer.page("source", title: source.name, data: data, frame: frame)
        }
        table.add(Endpoint(.get, "/imports/{id}", summary: "One import report with its rejected lines", tag: "ui",
                           access: .authenticated, mediaType: "text/html")) { request, context in
            let frame = ui.frame(request, context)
            let report = try await services.ingest.report(runID: try context.pathParameter("id"), for: try context.requirePrincipal())
            var data = run(row: report.run, frame, ui)
            data["source"] = report.source.name
            data["rejections"] = report.rejections.map { rejection in
                [
                    "line": rejection.line.map(String.init) ?? rejection.objectID ?? "", "field": rejection.field ?? "",
                    "reason": rejection.reason,
                ]
            }
            return ui.renderer.page("import", title: ui.text("import_title", frame), data: data, frame: frame)
        }
        table.add(Endpoint(.post, "/sources/{name}/run", summary: "Run a source now (form)", tag: "ui",
                           access: .staff, status: 303, mediaType: "text/html")) { request, context in
            _ = try await PageFrame.checkedForm(request, context: context)
            let principal = try context.requirePrincipal()
            let source = try await services.sources.find(name: try context.pathParameter("name"), for: principal)
            guard collectable.contains(source.kind), source.enabled else {
                throw ServiceError.conflict("source \(source.name) is not collected from a location")
            }
            let report = try await services.ingest.collect(source: source, actor: principal.username)
            return WebUI.redirect("/imports/\(report.run.id)")
        }
        table.add(Endpoint(
            .post, "/sources/{name}/upload", summary: "Ingest an uploaded file through the source's format", tag: "ui",
            access: .authenticated, response: "UploadAnswer")) { request, context in
            // Sent by the page's script with the session's X-CSRF-Token header; checked here too, since
            // the middleware lets URL-encoded page posts through to their own form check.
            if let session = context.session,
               !Secrets.constantTimeEquals(request.headers[AuthenticationMiddleware.csrfHeader] ?? "", session.csrfToken) {
                throw HTTPError(.forbidden, message: "missing or wrong CSRF token (send X-CSRF-Token)")
            }
            let principal = try context.requirePrincipal()
            let source = try await services.sources.find(name: try context.pathParameter("name"), for: principal)
            let body = try await request.body.collect(upTo: min(context.maxUploadSize, source.maxBytes))
            let report = try await services.ingest.run(source: source.name, input: .bytes(Array(buffer: body)), by: principal)
            return try .json(Resources.UploadAnswer(
                report: "/imports/\(report.run.id)", run: Resources.ImportRun(report.run)))
        }
    }

    static func nextRun(_ source: SourceRecord) -> Int64? {
        guard source.enabled, let every = source.scheduleSeconds else { return nil }
        return (source.lastRunAt ?? Clock.nowMillis()) + Int64(every) * 1000
    }

    static func run(row run: ImportRunRecord, _ frame: PageFrame, _ ui: WebUI) -> [String: Any] {
        [
            "id": run.id, "started": WebUI.time(run.startedAt), "finished": WebUI.time(run.finishedAt),
            "status": run.status.rawValue, "actor": run.actor, "lines": run.linesRead, "new": run.new,
            "updated": run.updated, "unchanged": run.unchanged, "suppressed": run.suppressed, "rejected": run.rejected,
            "message": run.message,
        ]
    }
}
