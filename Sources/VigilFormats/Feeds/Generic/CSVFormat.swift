import VigilCore

/// CSV with a column map, RFC 4180 quoting (one record per line, see `CSVFields`).
///
/// Options:
/// - `value_column` (required): header name, or 1-based number, of the column holding the value.
/// - `type_column` (cell: an `IndicatorType` raw value; empty cell → detect) or `type` (one type
///   for all lines); neither → the type is detected per line.
/// - `threat_type_column`, `tags_column` (split on `,`, `;`, `|`), `confidence_column` (0–100),
///   `first_seen_column`, `last_seen_column` (dates, ISO 8601 or epoch seconds/milliseconds),
///   `id_column`, `description_column`, `tlp_column`: optional; an empty cell means "not given".
/// - `delimiter`: one character, default `,`; `\t` or `tab` for tabs.
/// - `header`: `true` (default) — the first line that is neither blank nor a comment names the
///   columns; `false` — columns are referred to by number only.
/// - `comment_prefix`: default `#`; lines starting with it (after blanks) are skipped. Empty: none.
///
/// Every line is accounted for. When the header lacks a configured column, the header line is
/// rejected once, naming the missing columns; if the value column is among them, every data line
/// is rejected too (its value cannot be found), otherwise data lines load without the missing
/// fields. A bad cell rejects its line, naming the column.
public struct CSVFormat: ConfigurableFeedFormat {
    /// `csv`.
    public static let name = "csv"
    /// One line for `--help`.
    public static let summary = "CSV with a column map (value_column, type_column, tags_column…), RFC 4180 quoting"

    typealias Field = CSVColumnMap.Field

    private let map: CSVColumnMap
    private let delimiter: Character
    private let hasHeader: Bool
    private let commentPrefix: String?
    private let fixedType: IndicatorType?
    private var resolved: CSVColumnMap.Resolved?
    /// Why data lines cannot be read (unreadable header, or no value column in it).
    private var headerProblem: String?

    /// Builds the parser; throws naming the first bad option.
    public init(options: FeedOptions) throws(FeedOptionsError) {
        let known = CSVColumnMap.otherOptions.union(Field.allCases.map(\.option))
        try options.rejectUnknownOptions(known: known, format: Self.name)
        try options.rejectBoth("type", "type_column")
        switch options["delimiter"] {
        case nil, "": delimiter = ","
        case "\\t", "tab", "\t": delimiter = "\t"
        case let text? where text.count == 1 && text != "\"" && text != "\n" && text != "\r": delimiter = text.first!
        case let text?: throw FeedOptionsError(option: "delimiter", message: "\"\(text)\" is not one character (use \\t or tab for a tab)")
        }
        hasHeader = try options.boolOption("header", default: true)
        let prefix = options["comment_prefix"] ?? "#"
        commentPrefix = prefix.isEmpty ? nil : prefix
        fixedType = try options.indicatorTypeOption("type")
        map = try CSVColumnMap(options: options, header: hasHeader)
        if !hasHeader { resolved = map.resolve(header: nil) }
    }

    /// Reads one line.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        guard var text = line.text(rejectingInto: &records) else { return }
        if line.number == 1, text.first == "\u{FEFF}" { text = text.dropFirst() }
        guard let first = text.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return }
        if let commentPrefix, text[first...].hasPrefix(commentPrefix) { return }
        let location = FeedLocation(line: line.number)
        guard let columns = resolved else {
            readHeader(text, at: location, into: &records)
            return
        }
        if let headerProblem {
            records.append(.rejection(FeedRejection(location: location, field: columns.name(.value), reason: headerProblem)))
            return
        }
        records.append(record(text, columns: columns, at: location))
    }

    private mutating func readHeader(_ text: Substring, at location: FeedLocation, into records: inout [FeedRecord]) {
        let cells: [Substring]
        do {
            cells = try CSVFields.split(text, delimiter: delimiter)
        } catch {
            let columns = map.resolve(header: [])
            resolved = columns
            headerProblem = "the header on line \(location.line ?? 0) could not be read"
            records.append(.rejection(FeedRejection(location: location, reason: "header: \(error)")))
            return
        }
        let columns = map.resolve(header: cells)
        resolved = columns
        guard let firstMissing = columns.missing.first else { return }
        let list = columns.missing.map(\.text).joined(separator: ", ")
        records.append(.rejection(FeedRejection(
            location: location, field: columns.name(firstMissing.field), reason: "header has no column \(list)")))
        if columns.missing.contains(where: { $0.field == .value }) {
            headerProblem = "no value column: the header on line \(location.line ?? 0) has no column \"\(columns.name(.value))\""
        }
    }

    private func record(_ text: Substring, columns: CSVColumnMap.Resolved, at location: FeedLocation) -> FeedRecord {
        let cells: [Substring]
        do {
            cells = try CSVFields.split(text, delimiter: delimiter)
        } catch {
            return .rejection(FeedRejection(location: location, reason: "\(error)"))
        }
        func cell(_ field: Field) -> Substring? {
            guard let index = columns[field], index < cells.count else { return nil }
            let value = cells[index]
            return value.isEmpty ? nil : value
        }
        func reject(_ field: Field, _ reason: String) -> FeedRecord {
            .rejection(FeedRejection(location: location, field: columns.name(field), reason: reason))
        }
        guard let valueIndex = columns[.value], valueIndex < cells.count else {
            return reject(.value, "line has \(cells.count) fields; the value column is field \((columns[.value] ?? 0) + 1)")
        }
        var type = fixedType
        if let raw = cell(.type) {
            if let exact = IndicatorType(rawValue: String(raw)) {
                type = exact
            } else {
                let name = raw.feedTrimmed().lowercased()
                if !name.isEmpty {
                    guard let parsed = IndicatorType(rawValue: name) else {
                        return reject(.type, "\"\(name.prefix(40))\" is not an indicator type")
                    }
                    type = parsed
                }
            }
        }
        let value: IndicatorValue
        switch FeedValue.parse(cells[valueIndex], as: type, at: location, field: columns.name(.value)) {
        case .success(let parsed): value = parsed
        case .failure(let rejection): return .rejection(rejection)
        }
        var item = FeedItem(value: value, location: location)
        if let raw = cell(.threatType) {
            if let exact = ThreatType(rawValue: String(raw)) {
                item.threatType = exact
            } else {
                do { item.threatType = try ThreatType(parsing: String(raw)) } catch { return reject(.threatType, "\(error)") }
            }
        }
        if let raw = cell(.tags) { item.tags = FeedFieldText.tags(raw) }
        if let raw = cell(.confidence) {
            switch FeedFieldText.confidence(raw) {
            case .success(let confidence): item.confidence = confidence
            case .failure(let problem): return reject(.confidence, problem.reason)
            }
        }
        for field in [Field.firstSeen, .lastSeen] {
            guard let raw = cell(field) else { continue }
            switch FeedFieldText.time(raw) {
            case .success(let millis):
                if field == .firstSeen { item.firstSeen = millis } else { item.lastSeen = millis }
            case .failure(let problem): return reject(field, problem.reason)
            }
        }
        if let raw = cell(.tlp) {
            do { item.tlp = try TLP(parsing: String(raw)) } catch { return reject(.tlp, "\(error)") }
        }
        if let raw = cell(.id) {
            let id = raw.feedTrimmed()
            item.itemID = id.isEmpty ? nil : id
        }
        if let raw = cell(.description) {
            let description = raw.feedTrimmed()
            item.description = description.isEmpty ? nil : description
        }
        return .item(item)
    }
}
