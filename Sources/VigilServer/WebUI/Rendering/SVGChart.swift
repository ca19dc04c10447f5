/// Charts drawn on the server as SVG, so that the dashboard needs no script to read.
/// Every label is escaped; each bar can link to the list it counts.
enum SVGChart {
    /// One bar: its label, value and the filtered list it stands for.
    struct Bar: Sendable {
        let label: String
        let value: Int
        let href: String?
    }

    /// Horizontal bars, largest first as given, with the label on the left and the value on the right.
    static func bars(_ bars: [Bar], title: String, width: Int = 520) -> String {
        let rowHeight = 22, labelWidth = 170, valueWidth = 70
        let height = max(bars.count, 1) * rowHeight + 8
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        let span = Double(width - labelWidth - valueWidth)
        var svg = open(title: title, width: width, height: height)
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * rowHeight
            let length = max(Int(span * Double(bar.value) / Double(maximum)), bar.value > 0 ? 1 : 0)
            var row = "<text x=\"\(labelWidth - 6)\" y=\(quoted(y + 15)) text-anchor=\"end\">\(escapeHTML(clip(bar.label)))</text>"
            row += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\(quoted(y + 3)) width=\(quoted(length)) height=\"16\"><title>"
            row += "\(escapeHTML(bar.label)): \(bar.value)</title></rect>"
            row += "<text x=\(quoted(labelWidth + length + 6)) y=\(quoted(y + 15))>\(bar.value)</text>"
            svg += link(row, bar.href)
        }
        return svg + "</svg>"
    }

    /// Vertical columns over time (days or hours), oldest on the left; every `labelEvery`-th label shown.
    static func columns(_ bars: [Bar], title: String, labelEvery: Int = 1, width: Int = 560, height: Int = 200) -> String {
        let top = 16, bottom = 34, left = 8
        let plot = Double(height - top - bottom)
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        let step = Double(width - left * 2) / Double(max(bars.count, 1))
        var svg = open(title: title, width: width, height: height)
        svg += "<line class=\"axis\" x1=\"\(left)\" x2=\(quoted(width - left)) y1=\(quoted(height - bottom)) y2=\(quoted(height - bottom))/>"
        svg += "<text x=\"\(left)\" y=\"11\">\(maximum)</text>"
        for (index, bar) in bars.enumerated() {
            let columnHeight = Int(plot * Double(bar.value) / Double(maximum))
            let x = left + Int(Double(index) * step)
            var column = "<rect class=\"bar\" x=\(quoted(x + 1)) y=\(quoted(height - bottom - columnHeight))"
            column += " width=\(quoted(max(Int(step) - 2, 1))) height=\(quoted(columnHeight))><title>"
            column += "\(escapeHTML(bar.label)): \(bar.value)</title></rect>"
            svg += link(column, bar.href)
            if index % max(labelEvery, 1) == 0 {
                svg += "<text x=\(quoted(x + 1)) y=\(quoted(height - bottom + 14))>\(escapeHTML(bar.label))</text>"
            }
        }
        return svg + "</svg>"
    }

    private static func open(title: String, width: Int, height: Int) -> String {
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-label=\"\(escapeHTML(title))\"><title>\(escapeHTML(title))</title>"
    }

    private static func link(_ content: String, _ href: String?) -> String {
        guard let href else { return content }
        return "<a href=\"\(escapeHTML(href))\">\(content)</a>"
    }

    private static func quoted(_ number: Int) -> String { "\"\(number)\"" }

    private static func clip(_ label: String) -> String { label.count > 26 ? String(label.prefix(25)) + "…" : label }
}
