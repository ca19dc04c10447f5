import VigilCore

/// MISP event JSON (MISP core format): `{"Event": {…}}`, a `{"response": [{"Event": …}, …]}`
/// search result, an array of `{"Event": …}`, or a bare event object. Each event file of a MISP
/// feed is read with this format (see `MISPFeedIndex`).
///
/// A document format: lines are collected and parsed in `finish`. The event's `Attribute` list
/// and the `Attribute` lists of its `Object`s are read:
/// - Imported types: `ip-src`, `ip-dst` (address or CIDR), `ip-src|port`, `ip-dst|port` (the port
///   is dropped), `domain`, `hostname`, `hostname|port`, `domain|ip` (two items), `url`, `email`,
///   `email-src`, `email-dst`, `md5`, `sha1`, `sha256`, `filename|md5`, `filename|sha1`,
///   `filename|sha256` (the hash), `AS`.
/// - Only attributes with `to_ids: true` become indicators; the others, `deleted` ones and
///   other types (`link`, `comment`, `filename`…) are counted in `skippedAttributes`.
/// - Tags: a `tlp:*` tag sets the TLP (an attribute's own TLP tag wins over the event's; the most
///   restrictive of several wins); the others become tags (event tags, then attribute tags). A
///   threat type is set only when a tag states one clearly (`phishing`, `rsit:fraud="phishing"`,
///   `rsit:malicious-code="c2-server"`, `kill-chain:Command and Control`…, see `MISPTags`);
///   the category (`Network activity`, `Payload delivery`) never does.
/// - `uuid` → item id and location; `first_seen` → first seen; `last_seen`, else `timestamp`
///   → last seen; the event `info` (and the attribute `comment`, after `: `) → description.
public struct MISPFormat: ConfigurableFeedFormat {
    /// `misp`.
    public static let name = "misp"
    /// One line for `--help`.
    public static let summary = "MISP event JSON (Event, response list, feed event files); to_ids attributes only"
    /// A document format: an event file may sit on one long line, so the source's size limit applies, not the line limit.
    public static let isDocument = true

    /// Attributes not imported, by reason (after `finish`).
    public private(set) var skippedAttributes = MISPSkippedAttributes()

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
        guard let document = buffer.take(kind: "MISP", into: &records) else { return }
        let root: Any
        switch LooseJSON.parse(document) {
        case .success(let value): root = value
        case .failure(let problem):
            records.append(.rejection(FeedRejection(location: FeedLocation(), reason: problem.reason)))
            return
        }
        var reader = MISPAttributeReader()
        for (index, entry) in Self.events(in: root).enumerated() {
            switch entry {
            case .success(let event): Self.read(event: event, index: index, reader: &reader, into: &records)
            case .failure(let rejection): records.append(.rejection(rejection))
            }
        }
        skippedAttributes.notForIDS += reader.skipped.notForIDS
        skippedAttributes.deleted += reader.skipped.deleted
        for (type, count) in reader.skipped.unsupportedTypes { skippedAttributes.unsupportedTypes[type, default: 0] += count }
    }

    /// The event objects of a document, or a rejection for each entry that is not one.
    static func events(in root: Any) -> [Result<[String: Any], FeedRejection>] {
        func event(_ value: Any?, _ location: FeedLocation) -> Result<[String: Any], FeedRejection> {
            if let wrapper = LooseJSON.object(value), let event = LooseJSON.object(wrapper["Event"]) { return .success(event) }
            let found = LooseJSON.object(value).map { LooseJSON.kind($0["Event"]) } ?? LooseJSON.kind(value)
            return .failure(FeedRejection(location: location, field: "Event", reason: "expected an event object, found \(found)"))
        }
        if let list = LooseJSON.array(root) {
            return list.enumerated().map { event($1, FeedLocation(objectID: "[\($0)]")) }
        }
        guard let object = LooseJSON.object(root) else { return [] }
        if object["Event"] != nil { return [event(object, FeedLocation())] }
        if let response = object["response"] {
            guard let list = LooseJSON.array(response) else {
                return [.failure(FeedRejection(location: FeedLocation(), field: "response",
                                               reason: "expected an array, found \(LooseJSON.kind(response))"))]
            }
            return list.enumerated().map { event($1, FeedLocation(objectID: "response[\($0)]")) }
        }
        if object["Attribute"] != nil || object["Object"] != nil || object["info"] != nil { return [.success(object)] }
        return [.failure(FeedRejection(location: FeedLocation(),
                                       reason: "not MISP: expected {\"Event\": …}, {\"response\": […]} or an event object"))]
    }

    private static func read(event: [String: Any], index: Int, reader: inout MISPAttributeReader, into records: inout [FeedRecord]) {
        let uuid = LooseJSON.text(event["uuid"]) ?? "event[\(index)]"
        let context = MISPAttributeReader.Event(tags: MISPTags(event["Tag"]), info: LooseJSON.text(event["info"]), uuid: uuid)
        func list(_ value: Any?, _ field: String, objectID: String) -> [Any] {
            guard let value, !LooseJSON.isNull(value) else { return [] }
            guard let array = LooseJSON.array(value) else {
                records.append(.rejection(FeedRejection(location: FeedLocation(objectID: objectID), field: field,
                                                        reason: "expected an array, found \(LooseJSON.kind(value))")))
                return []
            }
            return array
        }
        for (position, attribute) in list(event["Attribute"], "Attribute", objectID: uuid).enumerated() {
            reader.read(attribute, path: "Attribute[\(position)]", event: context, into: &records)
        }
        for (objectIndex, object) in list(event["Object"], "Object", objectID: uuid).enumerated() {
            let path = "Object[\(objectIndex)]"
            guard let mispObject = LooseJSON.object(object) else {
                records.append(.rejection(FeedRejection(location: FeedLocation(objectID: "\(uuid)/\(path)"),
                                                        reason: "expected an object, found \(LooseJSON.kind(object))")))
                continue
            }
            let objectID = LooseJSON.text(mispObject["uuid"]) ?? "\(uuid)/\(path)"
            for (position, attribute) in list(mispObject["Attribute"], "Attribute", objectID: objectID).enumerated() {
                reader.read(attribute, path: "\(path)/Attribute[\(position)]", event: context, into: &records)
            }
        }
    }
}
