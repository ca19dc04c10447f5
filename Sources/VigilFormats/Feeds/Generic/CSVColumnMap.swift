import VigilCore

/// The column map of the `csv` format: which column holds which field, from the source's options.
struct CSVColumnMap: Sendable {
    /// A field a column can feed.
    enum Field: Int, CaseIterable, Sendable {
        case value, type, threatType, tags, confidence, firstSeen, lastSeen, id, description, tlp

        /// The option naming this field's column.
        var option: String {
            switch self {
            case .value: "value_column"
            case .type: "type_column"
            case .threatType: "threat_type_column"
            case .tags: "tags_column"
            case .confidence: "confidence_column"
            case .firstSeen: "first_seen_column"
            case .lastSeen: "last_seen_column"
            case .id: "id_column"
            case .description: "description_column"
            case .tlp: "tlp_column"
            }
        }
    }

    /// How an option names a column.
    enum Reference: Sendable, Equatable {
        /// 1-based column number (any option value made only of digits).
        case number(Int)
        /// A header name, matched ignoring case and surrounding blanks.
        case name(String)
    }

    /// The options the format accepts besides the column options.
    static let otherOptions: Set<String> = ["delimiter", "header", "type", "comment_prefix"]

    /// The configured reference of each field, indexed by `Field.rawValue`.
    let references: [Reference?]

    /// Reads the column options; `header` says whether names are allowed.
    init(options: FeedOptions, header: Bool) throws(FeedOptionsError) {
        var references: [Reference?] = Array(repeating: nil, count: Field.allCases.count)
        for field in Field.allCases {
            guard let text = options.trimmedOption(field.option) else { continue }
            if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                guard let number = Int(text), number >= 1, number <= 10_000 else {
                    throw FeedOptionsError(option: field.option, message: "column number \(text) is not in 1…10000")
                }
                references[field.rawValue] = .number(number)
            } else {
                guard header else {
                    throw FeedOptionsError(
                        option: field.option,
                        message: "\"\(text)\" is a column name, but header is false: use a 1-based column number")
                }
                references[field.rawValue] = .name(text.lowercased())
            }
        }
        guard references[Field.value.rawValue] != nil else {
            throw FeedOptionsError(option: Field.value.option, message: "required: the column (name or 1-based number) holding the value")
        }
        self.references = references
    }

    /// Column indexes (0-based) and display names resolved against a header, or against numbers alone.
    struct Resolved: Sendable {
        /// 0-based index of each field's column, indexed by `Field.rawValue`; nil when unmapped or missing.
        var indexes: [Int?]
        /// The name used in rejections for each field's column (header name or `column N`).
        var names: [String]
        /// Configured columns the header lacks, as `"name" (option)`; empty when all were found.
        var missing: [(field: Field, text: String)]

        /// The index of `field`'s column.
        subscript(field: Field) -> Int? { indexes[field.rawValue] }
        /// The display name of `field`'s column.
        func name(_ field: Field) -> String { names[field.rawValue] }
    }

    /// Resolves the map against `header` cells, or against column numbers only when nil.
    func resolve(header: [Substring]?) -> Resolved {
        var indexes: [Int?] = Array(repeating: nil, count: references.count)
        var names: [String] = Array(repeating: "", count: references.count)
        var missing: [(Field, String)] = []
        let headerNames = header?.map { $0.feedTrimmed().lowercased() }
        for field in Field.allCases {
            guard let reference = references[field.rawValue] else { continue }
            switch reference {
            case .number(let number):
                indexes[field.rawValue] = number - 1
                if let headerNames, number <= headerNames.count, !headerNames[number - 1].isEmpty {
                    names[field.rawValue] = headerNames[number - 1]
                } else {
                    names[field.rawValue] = "column \(number)"
                }
            case .name(let name):
                names[field.rawValue] = name
                if let index = headerNames?.firstIndex(of: name) {
                    indexes[field.rawValue] = index
                } else {
                    missing.append((field, "\"\(name)\" (\(field.option))"))
                }
            }
        }
        return Resolved(indexes: indexes, names: names, missing: missing)
    }
}
