import Foundation
import Hummingbird
import VigilCore
import VigilServices

/// The public appeal pages: a form to appeal a listing and a form to follow it by tracking id.
extension Pages {
    static let appealCSRFCookie = "vigil_appeal_csrf"

    static func appealForm(csrf: String, message: String? = nil, status: HTTPResponse.Status = .ok, secure: Bool) -> Response {
        let notice = message.map { "<p role=\"alert\" class=\"error\">\(escapeHTML($0))</p>" } ?? ""
        let body = """
            <h1>Appeal a listing</h1>\(notice)
            <p>If a name or address of yours is on one of our lists by mistake, tell us. You will get a
            tracking id to follow your appeal; keep it, it is the only way to see the answer.</p>
            <form method="post" action="/appeal">
            <input type="hidden" name="csrf_token" value="\(escapeHTML(csrf))">
            <label>Listed resource (name, address or URL) <input name="resource" required maxlength="2048"></label>
            <label>Why it should not be listed <textarea name="reason" required maxlength="4000"></textarea></label>
            <label>Your e-mail address <input name="contact_email" type="email" required maxlength="320"></label>
            <button type="submit">Send appeal</button>
            </form>
            <p><a href="/appeal/status">Follow an appeal</a></p>
            """
        return html(body, title: "Appeal a listing", status: status, headers: [.setCookie: csrfCookie(csrf, secure: secure)])
    }

    static func appealReceived(trackingID: String) -> Response {
        html("""
            <h1>Appeal received</h1>
            <p>Your tracking id: <code>\(escapeHTML(trackingID))</code></p>
            <p>Keep it: it is shown only once. <a href="/appeal/status">Follow your appeal</a> with it.</p>
            """, title: "Appeal received", status: .created)
    }

    static func appealStatusForm(csrf: String, result: AppealService.PublicStatus? = nil, message: String? = nil,
                                 status: HTTPResponse.Status = .ok, secure: Bool) -> Response {
        let notice = message.map { "<p role=\"alert\" class=\"error\">\(escapeHTML($0))</p>" } ?? ""
        let answer = result.map { result in
            "<p>Status: <strong>\(escapeHTML(result.status.rawValue))</strong></p>"
                + (result.decision.isEmpty ? "" : "<p>Decision: \(escapeHTML(result.decision))</p>")
        } ?? ""
        let body = """
            <h1>Follow an appeal</h1>\(notice)\(answer)
            <form method="post" action="/appeal/status">
            <input type="hidden" name="csrf_token" value="\(escapeHTML(csrf))">
            <label>Tracking id <input name="tracking_id" required maxlength="64" autocomplete="off"></label>
            <button type="submit">Show status</button>
            </form>
            """
        return html(body, title: "Follow an appeal", status: status, headers: [.setCookie: csrfCookie(csrf, secure: secure)])
    }

    private static func csrfCookie(_ value: String, secure: Bool) -> String {
        Cookie(name: appealCSRFCookie, value: value, path: "/appeal", secure: secure, httpOnly: true, sameSite: .strict).description
    }
}
