import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilServices

/// The plain pages served until the web UI replaces them: login, a home page, error pages.
enum Pages {
    static let csrfCookie = "vigil_login_csrf"

    static func html(_ body: String, title: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escapeHTML(title)) · Vigil</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body><header><strong>Vigil</strong></header><main>
            \(body)
            </main></body></html>
            """
        var allHeaders: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        allHeaders.append(contentsOf: headers)
        return Response(status: status, headers: allHeaders, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func errorPage(_ problem: Problem) -> Response {
        html(
            "<h1>\(problem.status) \(escapeHTML(problem.title))</h1><p>\(escapeHTML(problem.detail))</p><p><a href=\"/\">Home</a></p>",
            title: problem.title, status: .init(code: problem.status))
    }

    static func loginForm(csrf: String, message: String? = nil, status: HTTPResponse.Status = .ok, secure: Bool) -> Response {
        let notice = message.map { "<p role=\"alert\" class=\"error\">\(escapeHTML($0))</p>" } ?? ""
        let body = """
            <h1>Log in</h1>\(notice)
            <form method="post" action="/login">
            <input type="hidden" name="csrf_token" value="\(escapeHTML(csrf))">
            <label>Username <input name="username" autocomplete="username" required maxlength="64"></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
            <button type="submit">Log in</button>
            </form>
            """
        let cookie = Cookie(name: csrfCookie, value: csrf, path: "/login", secure: secure, httpOnly: true, sameSite: .strict)
        return html(body, title: "Log in", status: status, headers: [.setCookie: cookie.description])
    }

    static func home(principal: Principal, csrf: String, indicatorCount: Int) -> Response {
        let body = """
            <h1>Vigil</h1>
            <p>Logged in as <strong>\(escapeHTML(principal.username))</strong> (\(principal.role.rawValue)).</p>
            <p>Indicators visible to you: <a href="/api/v1/indicators">\(indicatorCount)</a></p>
            <ul><li><a href="/api/v1/openapi.json">API description (OpenAPI 3.1)</a></li>
            <li><a href="/healthz">Health</a></li></ul>
            <form method="post" action="/logout"><input type="hidden" name="csrf_token" value="\(escapeHTML(csrf))">
            <button type="submit">Log out</button></form>
            """
        return html(body, title: "Home")
    }
}
