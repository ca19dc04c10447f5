import VigilCore

/// STIX 2.1 content: a bundle `{"type": "bundle", "objects": […]}`, a TAXII 2.1 envelope
/// `{"objects": […], "more": …}`, a bare array of objects, or one object.
///
/// A document format: lines are collected and parsed in `finish`. What becomes an item:
/// - `indicator` objects whose `pattern_type` is `stix` (or absent): every comparison of the
///   pattern is one item (see `STIXPattern`). `OR`, `AND` and `FOLLOWEDBY` all mean "each value
///   is an indicator": a CERT blocks each observable of a compound pattern on its own. Qualifiers
///   (`WITHIN`, `REPEATS`, `START … STOP`) are ignored and counted in `ignoredQualifiers`.
///   Supported: `ipv4-addr:value`, `ipv6-addr:value` (address or CIDR), `domain-name:value`,
///   `url:value`, `email-addr:value`, `file:hashes.MD5`/`'SHA-1'`/`'SHA-256'` (quoted or not,
///   `SHA1`, `SHA256` too) and `autonomous-system:number`, with `=`, `IN (…)` (each member), and
///   `ISSUBSET` on addresses (the network). Any other path, operator or `NOT` rejects the whole
///   indicator (field `pattern`); a bad value rejects only that value.
/// - Observables (`ipv4-addr`, `ipv6-addr`, `domain-name`, `url`, `email-addr`, `file` with an
///   MD5/SHA-1/SHA-256 hash, `autonomous-system`); a `defanged` value is refanged first.
///
/// Mapped fields: `valid_from` → first seen, `valid_until` → valid until, `confidence`,
/// `labels` → tags, `name` (else `description`) → description, `object_marking_refs` → TLP (the
/// predefined TLP 1.0/2.0 markings, or TLP marking definitions in the document; the most
/// restrictive wins), the object `id` → item id and location. Threat type: a label naming a
/// threat type (`phishing`, `c2`…) wins; else `indicator_types` `compromised` → compromised,
/// `malicious-activity`, `anomalous-activity`, `anonymization`, `attribution` → other (STIX 2.0
/// indicators, which have no `indicator_types`, are read from `labels`). An indicator
/// typed `benign` or `revoked: true` is rejected, never imported.
///
/// Other objects (identity, relationship, malware, report, marking-definition, x-… and files
/// without a supported hash) are skipped and counted in `skippedObjectTypes`; indicators in
/// another pattern language (sigma, yara…) in `skippedPatternTypes`.
public struct STIXFormat: ConfigurableFeedFormat {
    /// `stix`.
    public static let name = "stix"
    /// One line for `--help`.
    public static let summary = "STIX 2.1 bundle or TAXII envelope: indicators (STIX patterns) and observables"
    /// A document format: a bundle may sit on one long line, so the source's size limit applies, not the line limit.
    public static let isDocument = true

    /// Objects skipped because Vigil does not import their type, by `type` (after `finish`).
    public private(set) var skippedObjectTypes: [String: Int] = [:]
    /// Indicators skipped because their `pattern_type` is not `stix`, by pattern type.
    public private(set) var skippedPatternTypes: [String: Int] = [:]
    /// Pattern qualifiers ignored, by keyword (`WITHIN`, `REPEATS`, `START`).
    public private(set) var ignoredQualifiers: [String: Int] = [:]

    private var buffer = DocumentBuffer()

    /// Builds the parser; the format takes no options.
    public init(options: FeedOptions) throws(FeedOptionsError) {
        try options.rejectUnknownOptions(known: [], format: Self.name)
    }

    /// Collects one line of the document.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        buffer.append(line)
    }

    /// Parses the collected document.
    public mutating func finish(into records: inout [FeedRecord]) {
        guard let document = buffer.take(kind: "STIX", into: &records) else { return }
        let documentLocation = FeedLocation()
        let root: Any
        switch LooseJSON.parse(document) {
        case .success(let value): root = value
        case .failure(let problem):
            records.append(.rejection(FeedRejection(location: documentLocation, reason: problem.reason)))
            return
        }
        let objects: [Any]
        if let array = LooseJSON.array(root) {
            objects = array
        } else if let object = LooseJSON.object(root) {
            if let list = object["objects"] {
                guard let array = LooseJSON.array(list) else {
                    records.append(.rejection(FeedRejection(
                        location: documentLocation, field: "objects", reason: "expected an array, found \(LooseJSON.kind(list))")))
                    return
                }
                objects = array
            } else if let type = LooseJSON.string(object["type"]) {
                objects = type == "bundle" ? [] : [object]
            } else {
                records.append(.rejection(FeedRejection(
                    location: documentLocation, reason: "not STIX: expected a bundle, a TAXII envelope or an array of objects")))
                return
            }
        } else {
            records.append(.rejection(FeedRejection(location: documentLocation, reason: "not STIX: expected an object or an array")))
            return
        }
        var reader = STIXObjectReader(objects: objects)
        for (index, object) in objects.enumerated() {
            reader.read(object, index: index, into: &records)
        }
        for (key, count) in reader.skippedObjectTypes { skippedObjectTypes[key, default: 0] += count }
        for (key, count) in reader.skippedPatternTypes { skippedPatternTypes[key, default: 0] += count }
        for (key, count) in reader.ignoredQualifiers { ignoredQualifiers[key, default: 0] += count }
    }
}
