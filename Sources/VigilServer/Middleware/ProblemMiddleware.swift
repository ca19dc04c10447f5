import Foundation
import HTTPTypes
import Hummingbird
import Logging
import VigilServices

/// Turns every error into an RFC 9457 problem (API) or a login redirect / plain error page (UI),
/// so that no handler leaks an internal error text to the caller.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let ui: WebUI

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, path: request.uri.path, logger: context.logger)
            if Self.isPage(request.uri.path) {
                if problem.status == 401 {
                    return Response(status: .seeOther, headers: [.location: "/login"])
                }
                return errorPage(problem, request: request, context: context)
            }
            var headers: HTTPFields = [:]
            if case ServiceError.rateLimited(let seconds) = error { headers[.retryAfter] = String(seconds) }
            if problem.status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"vigil\"" }
            return problem.response(headers: headers)
        }
    }

    /// The problem as a page in the reader's language: the catalogue's title for its status, and
    /// the detail (which names what was refused, never internals).
    func errorPage(_ problem: Problem, request: Request, context: Context) -> Response {
        let frame = ui.frame(request, context)
        let key = "error_\(problem.status)"
        let heading = ui.renderer.catalogue.strings[frame.language]?[key] != nil ? ui.text(key, frame) : problem.title
        let detail = problem.status == 403 ? ui.text("error_forbidden_detail", frame) : problem.detail
        return ui.renderer.page(
            "error", title: heading, data: ["status": problem.status, "heading": heading, "detail": detail], frame: frame,
            status: .init(code: problem.status))
    }

    /// Whether `path` is a page of the web UI rather than the API, feeds or probes. Empty segments
    /// are dropped first, as the router drops them: `//api/v1/users` is the API, not a page.
    static func isPage(_ rawPath: String) -> Bool {
        let path = "/" + rawPath.split(separator: "/").joined(separator: "/")
        return !(path.hasPrefix("/api/") || path.hasPrefix("/taxii2") || path.hasPrefix("/feeds/")
            || ["/healthz", "/readyz", "/metrics"].contains(path))
    }

    static func problem(for error: any Error, path: String, logger: Logger) -> Problem {
        func make(_ status: Int, _ title: String, _ detail: String, field: String? = nil) -> Problem {
            Problem(
                type: "https://vigil.example/problems/\(title.lowercased().replacingOccurrences(of: " ", with: "-"))",
                title: title, status: status, detail: detail, instance: path, field: field)
        }
        switch error {
        case let error as ServiceError:
            switch error {
            case .notFound(let what): return make(404, "Not Found", "\(what) does not exist or is not visible to you")
            case .forbidden(let why): return make(403, "Forbidden", why)
            case .conflict(let why): return make(409, "Conflict", why)
            case .invalid(let field, let message): return make(422, "Invalid Input", "\(field): \(message)", field: field)
            case .unauthenticated(let why): return make(401, "Unauthorized", why)
            case .rateLimited(let seconds): return make(429, "Too Many Requests", "too many failed logins; retry in \(seconds) s")
            }
        case let error as DecodingError:
            let (field, detail) = Self.describe(error)
            return make(400, "Bad Request", "request body: \(detail)", field: field)
        case let error as HTTPError:
            let title = error.status.reasonPhrase
            return make(error.status.code, title, error.body ?? title)
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return make(500, "Internal Server Error", "the server failed; the log has the details")
        }
    }

    static func describe(_ error: DecodingError) -> (field: String?, detail: String) {
        func path(_ codingPath: [any CodingKey]) -> String { codingPath.map(\.stringValue).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context):
            let field = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return (field, "missing field \(field)")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return (path(context.codingPath), "field \(path(context.codingPath)): \(context.debugDescription)")
        case .dataCorrupted(let context):
            return (path(context.codingPath), "\(path(context.codingPath).isEmpty ? "not valid JSON" : "field \(path(context.codingPath))"): \(context.debugDescription)")
        @unknown default:
            return (nil, "cannot be decoded")
        }
    }
}
