import VigilCore

/// Field helpers shared by the abuse.ch, Spamhaus and FireHOL formats: each failure is a
/// `FeedRejection` thrown with the publisher's own field name, so a format reads as a list of
/// `try` steps and its `read` turns the first failure into the line's rejection.
enum PublicFeedFields {
    /// The line's text, or its rejection (too long, not UTF-8).
    static func text(of line: Line) throws(FeedRejection) -> Substring {
        try line.text().get()
    }

    /// The RFC 4180 fields of a CSV line; broken quoting is a rejection without a field.
    static func csv(_ text: Substring, at location: FeedLocation) throws(FeedRejection) -> [Substring] {
        do {
            return try CSVFields.split(text)
        } catch {
            throw FeedRejection(location: location, reason: error.description)
        }
    }

    /// Epoch milliseconds of a time field (`FeedTime` forms, also with a trailing ` UTC`);
    /// nil when the field is empty, a rejection naming `field` when it is not a time.
    static func time(_ raw: some StringProtocol, field: String, at location: FeedLocation) throws(FeedRejection) -> Int64? {
        var text = OneValuePerLine.trimmed(Substring(raw))
        if text.isEmpty { return nil }
        if text.hasSuffix(" UTC") { text = text.dropLast(4) }
        guard let time = FeedTime.parse(text) else {
            throw FeedRejection(location: location, field: field, reason: "\"\(text.prefix(40))\" is not a date and time")
        }
        return time
    }

    /// Tags from a comma-separated field: trimmed, lower case, empty ones dropped, first occurrence kept.
    static func tags(_ raw: some StringProtocol) -> [String] {
        var tags: [String] = []
        for part in raw.split(separator: ",") {
            let tag = OneValuePerLine.trimmed(Substring(part)).lowercased()
            if !tag.isEmpty && !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    /// `description` values joined with `; `, nil when all are empty.
    static func description(_ parts: [String]) -> String? {
        let kept = parts.filter { !$0.isEmpty }
        return kept.isEmpty ? nil : kept.joined(separator: "; ")
    }
}

/// The columns of a CSV feed by name, taken from its header row (or the publisher's documented
/// default), so a field is read by the name the publisher gives it.
struct FeedColumns: Sendable, Equatable {
    /// Column names in order.
    let names: [String]

    /// Columns with these names, in this order.
    init(_ names: [String]) {
        self.names = names
    }

    /// Columns from a header row's fields (trimmed, lower case).
    init(header fields: [Substring]) {
        names = fields.map { OneValuePerLine.trimmed($0).lowercased() }
    }

    /// The row's fields, checked to be one per column.
    func row(_ fields: [Substring], at location: FeedLocation) throws(FeedRejection) -> Row {
        guard fields.count == names.count else {
            throw FeedRejection(
                location: location,
                reason: "expected \(names.count) fields (\(names.joined(separator: ","))), found \(fields.count)")
        }
        return Row(columns: self, fields: fields)
    }

    /// One row's fields, read by column name.
    struct Row {
        /// The columns.
        let columns: FeedColumns
        /// The fields, one per column.
        let fields: [Substring]

        /// The trimmed field of column `name`; empty when the header has no such column.
        subscript(_ name: String) -> Substring {
            guard let index = columns.names.firstIndex(of: name) else { return "" }
            return OneValuePerLine.trimmed(fields[index])
        }
    }
}

extension Array where Element == FeedRecord {
    /// Appends the item `body` returns (nothing when it returns nil), or the rejection it throws:
    /// the `read` of the formats whose line parsing is a list of `try` steps.
    mutating func append(itemOf body: () throws(FeedRejection) -> FeedItem?) {
        do {
            if let item = try body() { append(.item(item)) }
        } catch {
            append(.rejection(error))
        }
    }
}
