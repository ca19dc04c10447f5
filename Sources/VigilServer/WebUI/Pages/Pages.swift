import Foundation
import HTTPTypes
import Hummingbird
import VigilCore
import VigilServices

/// The plain page frame of the public appeal pages.
enum Pages {
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
}
