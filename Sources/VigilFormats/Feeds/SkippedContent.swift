/// Formats that skip content on purpose (STIX object types Vigil does not import, MISP attributes
/// not meant for detection) say so here, so that the import report shows it instead of dropping it silently.
public protocol DescribesSkippedContent {
    /// One line, e.g. `skipped: relationship 3, malware 1`; empty when nothing was skipped.
    var skippedSummary: String { get }
}

extension STIXFormat: DescribesSkippedContent {
    /// Skipped object types, other pattern languages and ignored qualifiers, after `finish`.
    public var skippedSummary: String {
        [
            Self.describe("skipped objects", skippedObjectTypes), Self.describe("skipped pattern types", skippedPatternTypes),
            Self.describe("ignored qualifiers", ignoredQualifiers),
        ].compactMap { $0 }.joined(separator: "; ")
    }

    static func describe(_ label: String, _ counts: [String: Int]) -> String? {
        counts.isEmpty ? nil : "\(label): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

extension MISPFormat: DescribesSkippedContent {
    /// Attributes not imported: not for IDS, deleted, or of a type Vigil does not import.
    public var skippedSummary: String {
        let skipped = skippedAttributes
        guard skipped.total > 0 else { return "" }
        var parts: [String] = []
        if skipped.notForIDS > 0 { parts.append("\(skipped.notForIDS) not for IDS (to_ids false)") }
        if skipped.deleted > 0 { parts.append("\(skipped.deleted) deleted") }
        if let types = STIXFormat.describe("unsupported types", skipped.unsupportedTypes) { parts.append(types) }
        return "skipped attributes: " + parts.joined(separator: "; ")
    }
}
