import VigilCore

/// JSON lines (one JSON object per line) with a field map; blank lines are skipped.
///
/// Options name fields by dotted path (`ioc.value` is `{"ioc": {"value": …}}`; a key that is
/// the whole path wins):
/// - `value_field` (required): a string, or a whole number (for `type: asn`).
/// - `type_field` (an `IndicatorType` raw value) or `type` (one type for all lines); neither →
///   the type is detected per line.
/// - `threat_type_field`, `tags_field` (an array of strings, or one string split on `,;|`),
///   `confidence_field` (0–100, number or digits), `first_seen_field`, `last_seen_field`
///   (ISO 8601 strings or epoch seconds/milliseconds), `id_field` (string or number),
///   `tlp_field`, `description_field`: optional; absent or `null` means "not given".
///
/// A line that is not a JSON object, lacks the value, or holds a bad field is rejected with its
/// line number and the field's path.
public struct JSONLinesFormat: ConfigurableFeedFormat {
    /// `jsonl`.
    public static let name = "jsonl"
    /// One line for `--help`.
    public static let summary = "JSON lines with a field map (value_field, type_field, tags_field…), dotted paths"

    /// A field a path can feed, with its option.
    enum Field: String, CaseIterable, Sendable {
        case value = "value_field", type = "type_field", threatType = "threat_type_field", tags = "tags_field"
        case confidence = "confidence_field", firstSeen = "first_seen_field", lastSeen = "last_seen_field"
        case id = "id_field", tlp = "tlp_field", description = "description_field"
    }

    private let paths: [Field: String]
    private let fixedType: IndicatorType?

    /// Builds the parser; throws naming the first bad option.
    public init(options: FeedOptions) throws(FeedOptionsError) {
        try options.rejectUnknownOptions(known: Set(Field.allCases.map(\.rawValue) + ["type"]), format: Self.name)
        try options.rejectBoth("type", Field.type.rawValue)
        var paths: [Field: String] = [:]
        for field in Field.allCases {
            guard let path = options.trimmedOption(field.rawValue) else { continue }
            guard !path.hasPrefix("."), !path.hasSuffix("."), !path.contains("..") else {
                throw FeedOptionsError(option: field.rawValue, message: "\"\(path)\" is not a dotted path")
            }
            paths[field] = path
        }
        guard paths[.value] != nil else {
            throw FeedOptionsError(option: Field.value.rawValue, message: "required: the (dotted) path of the value")
        }
        self.paths = paths
        fixedType = try options.indicatorTypeOption("type")
    }

    /// Reads one line.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        guard let text = line.text(rejectingInto: &records) else { return }
        guard text.contains(where: { $0 != " " && $0 != "\t" }) else { return }
        records.append(record(text, at: FeedLocation(line: line.number)))
    }

    private func record(_ line: Substring, at location: FeedLocation) -> FeedRecord {
        let object: [String: Any]
        switch LooseJSON.parse(line.utf8) {
        case .failure(let problem): return .rejection(FeedRejection(location: location, reason: problem.reason))
        case .success(let root):
            guard let dictionary = LooseJSON.object(root) else {
                return .rejection(FeedRejection(location: location, reason: "expected a JSON object, found \(LooseJSON.kind(root))"))
            }
            object = dictionary
        }
        func value(_ field: Field) -> Any? {
            guard let path = paths[field], let found = LooseJSON.value(at: path, in: object), !LooseJSON.isNull(found) else {
                return nil
            }
            return found
        }
        func reject(_ field: Field, _ reason: String) -> FeedRecord {
            .rejection(FeedRejection(location: location, field: paths[field], reason: reason))
        }
        func text(_ field: Field) -> Result<String?, FeedRejection> {
            guard let found = value(field) else { return .success(nil) }
            guard let string = LooseJSON.string(found) else {
                return .failure(FeedRejection(location: location, field: paths[field],
                                              reason: "expected a string, found \(LooseJSON.kind(found))"))
            }
            let trimmed = string.feedTrimmed()
            return .success(trimmed.isEmpty ? nil : trimmed)
        }

        guard let rawValue = value(.value) else { return reject(.value, "missing") }
        guard let valueText = LooseJSON.string(rawValue) ?? LooseJSON.integer(rawValue).map({ String($0) }) else {
            return reject(.value, "expected a string, found \(LooseJSON.kind(rawValue))")
        }
        var type = fixedType
        switch text(.type) {
        case .failure(let rejection): return .rejection(rejection)
        case .success(let name?):
            guard let parsed = IndicatorType(rawValue: name.lowercased()) else {
                return reject(.type, "\"\(name.prefix(40))\" is not an indicator type")
            }
            type = parsed
        case .success(nil): break
        }
        let parsed: IndicatorValue
        switch FeedValue.parse(valueText, as: type, at: location, field: paths[.value] ?? "value") {
        case .success(let value): parsed = value
        case .failure(let rejection): return .rejection(rejection)
        }
        var item = FeedItem(value: parsed, location: location)

        switch text(.threatType) {
        case .failure(let rejection): return .rejection(rejection)
        case .success(let name?):
            do { item.threatType = try ThreatType(parsing: name) } catch { return reject(.threatType, "\(error)") }
        case .success(nil): break
        }
        if let tags = value(.tags) {
            if let string = LooseJSON.string(tags) {
                item.tags = FeedFieldText.tags(string)
            } else if let array = LooseJSON.array(tags) {
                for element in array {
                    guard let tag = LooseJSON.string(element) else {
                        return reject(.tags, "expected strings in the tag array, found \(LooseJSON.kind(element))")
                    }
                    FeedFieldText.append(tag, to: &item.tags)
                }
            } else {
                return reject(.tags, "expected an array of strings or a string, found \(LooseJSON.kind(tags))")
            }
        }
        if let confidence = value(.confidence) {
            guard let number = LooseJSON.integer(confidence) else {
                return reject(.confidence, "expected a whole number from 0 to 100, found \(LooseJSON.kind(confidence))")
            }
            guard (0...100).contains(number) else { return reject(.confidence, "confidence \(number) is not from 0 to 100") }
            item.confidence = Int(number)
        }
        for field in [Field.firstSeen, .lastSeen] {
            guard let time = value(field) else { continue }
            switch LooseJSON.time(time) {
            case .success(let millis):
                if field == .firstSeen { item.firstSeen = millis } else { item.lastSeen = millis }
            case .failure(let problem): return reject(field, problem.reason)
            }
        }
        if let id = value(.id) {
            guard let text = LooseJSON.scalarText(id) else {
                return reject(.id, "expected a string or a number, found \(LooseJSON.kind(id))")
            }
            item.itemID = text
        }
        switch text(.tlp) {
        case .failure(let rejection): return .rejection(rejection)
        case .success(let label?):
            do { item.tlp = try TLP(parsing: label) } catch { return reject(.tlp, "\(error)") }
        case .success(nil): break
        }
        switch text(.description) {
        case .failure(let rejection): return .rejection(rejection)
        case .success(let description): item.description = description
        }
        return .item(item)
    }
}
