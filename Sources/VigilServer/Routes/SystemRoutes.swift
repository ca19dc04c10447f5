import Hummingbird
import Prometheus
import VigilServices
import VigilStore

/// Health, readiness, metrics and the audit log.
enum SystemRoutes {
    static func register(on table: EndpointTable, services: ServiceContainer, metrics: PrometheusCollectorRegistry) {
        table.add(Endpoint(
            .get, "/healthz", summary: "Liveness", tag: "system", access: .public, response: "Health")) { _, _ in
            try .json(Resources.Health(status: "ok", database: nil))
        }
        table.add(Endpoint(
            .get, "/readyz", summary: "Readiness: the database answers", tag: "system", access: .public,
            response: "Health")) { _, context in
            do {
                try await services.database.ping()
                return try .json(Resources.Health(status: "ready", database: services.database.kind.rawValue))
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                return try .json(Resources.Health(status: "unavailable", database: services.database.kind.rawValue),
                                 status: .serviceUnavailable)
            }
        }
        table.add(Endpoint(
            .get, "/metrics", summary: "Prometheus metrics", tag: "system", access: .public,
            mediaType: "text/plain")) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        table.add(Endpoint(
            .get, "/api/v1/audit", summary: "The audit log, newest first", tag: "audit", access: .admin,
            response: "AuditList", query: [QueryParameter("limit", "integer", "entries, 1-1000 (default 100)")])) { request, _ in
            let limit = min(max(Int(try request.query("limit") ?? "100") ?? 100, 1), 1000)
            return try .json(try await AuditStore(services.database.sql).latest(limit: limit).map(Resources.AuditEntry.init))
        }
        table.add(Endpoint(
            .get, "/api/v1/audit/verify", summary: "Verify the audit hash chain", tag: "audit",
            access: .admin, response: "AuditVerification")) { _, _ in
            let result = try await services.auditVerifier.verify()
            return try .json(Resources.AuditVerification(
                intact: result.isIntact, checked: result.checked, problems: result.problems.map(\.description)))
        }
    }
}
