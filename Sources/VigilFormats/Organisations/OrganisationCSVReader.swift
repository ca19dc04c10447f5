import VigilCore

/// Reads organisations from CSV: a header naming the columns (any order, any subset of
/// `OrganisationFields.names`, `name` required), then one organisation per line. Lists
/// (asns, prefixes, domains, contacts) are separated by `;`, `|` or spaces inside the cell.
///
///     name,country,language,prefixes,contacts
///     ExampleNet ISP,XA,en,192.0.2.0/24;2001:db8::/32,abuse@isp.example
public enum OrganisationCSVReader {
    /// Reads `text`; a bad row is reported with its line and field and the other rows go on.
    public static func read(_ text: String) -> OrganisationImport {
        var result = OrganisationImport()
        var reader = LineReader(text: text)
        var header: [String?]?
        while true {
            let line: Line
            do {
                guard let next = try reader.next() else { break }
                line = next
            } catch {
                result.problems.append(.init(.line(0), field: nil, "\(error)"))
                break
            }
            guard case .text(let raw) = line.content else {
                result.problems.append(.init(.line(line.number), field: nil, "line is not valid UTF-8 or too long"))
                continue
            }
            let content = raw.hasSuffix("\r") ? raw.dropLast() : Substring(raw)
            if content.allSatisfy({ $0 == " " || $0 == "," }) || content.hasPrefix("#") { continue }
            let cells: [Substring]
            do { cells = try CSVFields.split(content) } catch {
                result.problems.append(.init(.line(line.number), field: nil, "\(error)"))
                continue
            }
            guard let columns = header else {
                header = readHeader(cells, line: line.number, problems: &result.problems)
                continue
            }
            if cells.count > columns.count {
                result.problems.append(.init(.line(line.number), field: nil, "\(cells.count) fields, the header has \(columns.count)"))
                continue
            }
            var fields: [String: OrganisationFields.Value] = [:]
            for (column, cell) in zip(columns, cells) {
                if let column { fields[column] = .text(String(cell)) }
            }
            if let profile = OrganisationFields.profile(fields, at: .line(line.number), problems: &result.problems) {
                result.profiles.append((.line(line.number), profile))
            }
        }
        if header == nil { result.problems.append(.init(.line(1), field: nil, "no header line")) }
        return result
    }

    /// Column names, nil for unknown columns (reported, then ignored).
    private static func readHeader(
        _ cells: [Substring], line: Int, problems: inout [OrganisationImportProblem]
    ) -> [String?] {
        let names = cells.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        if !names.contains("name") { problems.append(.init(.line(line), field: "name", "the header has no name column")) }
        return names.map { name in
            if OrganisationFields.names.contains(name) { return name }
            problems.append(.init(.line(line), field: name, "unknown column, ignored"))
            return nil
        }
    }
}
