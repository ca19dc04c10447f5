import Hummingbird
import VigilCore
import VigilServices

/// The web UI's shared parts: the page renderer with its catalogue, the static assets, and
/// how its cookies are set.
struct WebUI: Sendable {
    let renderer: PageRenderer
    let assets: Assets
    let secureCookies: Bool

    /// Loads the templates, catalogue and assets; fails the start when one is missing.
    init(secureCookies: Bool) throws {
        renderer = try PageRenderer()
        assets = try Assets()
        self.secureCookies = secureCookies
    }

    /// The frame of a page request.
    func frame(_ request: Request, _ context: VigilRequestContext) -> PageFrame {
        PageFrame(request: request, context: context, secureCookies: secureCookies)
    }

    /// The catalogue text of `key` in the frame's language.
    func text(_ key: String, _ frame: PageFrame, _ values: [String: String] = [:]) -> String {
        renderer.text(key, frame, values)
    }

    /// A date and time for people: `2026-11-26 07:05 UTC`.
    static func time(_ millis: Int64?) -> String {
        guard let millis else { return "" }
        let text = CivilDate.rfc3339(millis: millis)
        return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    /// A See Other redirect to a local path.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// `text` as one path segment or query value: only unreserved characters stay as they are.
    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? ""
    }

    /// Keeps a return address local (`/…`, never `//host`), else the home page.
    static func localPath(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), raw.count <= 2000,
              !raw.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/" }
        return raw
    }
}
