import VigilCore

/// Turns the objects of one STIX document into records (see `STIXFormat` for the mapping).
struct STIXObjectReader {
    private(set) var skippedObjectTypes: [String: Int] = [:]
    private(set) var skippedPatternTypes: [String: Int] = [:]
    private(set) var ignoredQualifiers: [String: Int] = [:]
    /// TLP of the marking definitions found in the document, by id.
    private let documentMarkings: [String: TLP]

    /// The cyber-observable types read as items, with the type of their value.
    static let observableTypes: Set<String> = [
        "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "file", "autonomous-system",
    ]

    /// Prepares to read `objects`, collecting their TLP marking definitions first.
    init(objects: [Any]) {
        var markings: [String: TLP] = [:]
        for case let object as [String: Any] in objects where LooseJSON.string(object["type"]) == "marking-definition" {
            if let id = LooseJSON.string(object["id"]), let tlp = STIXTLPMarking.tlp(ofDefinition: object) {
                markings[id.lowercased()] = tlp
            }
        }
        documentMarkings = markings
    }

    /// Reads the object at `index` of the document's objects.
    mutating func read(_ value: Any, index: Int, into records: inout [FeedRecord]) {
        guard let object = LooseJSON.object(value) else {
            let location = FeedLocation(objectID: "objects[\(index)]")
            records.append(.rejection(FeedRejection(location: location, reason: "expected an object, found \(LooseJSON.kind(value))")))
            return
        }
        let id = LooseJSON.text(object["id"]) ?? "objects[\(index)]"
        let location = FeedLocation(objectID: id)
        guard let type = LooseJSON.text(object["type"]) else {
            records.append(.rejection(FeedRejection(
                location: location, field: "type", reason: "expected the object type, found \(LooseJSON.kind(object["type"]))")))
            return
        }
        do throws(FeedRejection) {
            if type == "indicator" {
                try indicator(object, id: id, at: location, into: &records)
            } else if Self.observableTypes.contains(type) {
                try observable(object, type: type, id: id, at: location, into: &records)
            } else {
                skippedObjectTypes[type, default: 0] += 1
            }
        } catch {
            records.append(.rejection(error))
        }
    }

    private mutating func indicator(
        _ object: [String: Any], id: String, at location: FeedLocation, into records: inout [FeedRecord]
    ) throws(FeedRejection) {
        if let patternType = object["pattern_type"] {
            guard let name = LooseJSON.string(patternType) else {
                throw Self.expected("a string", patternType, field: "pattern_type", at: location)
            }
            guard name.lowercased() == "stix" else {
                skippedPatternTypes[name.lowercased(), default: 0] += 1
                return
            }
        }
        if LooseJSON.bool(object["revoked"]) == true {
            throw FeedRejection(location: location, field: "revoked", reason: "the indicator is revoked")
        }
        let indicatorTypes = try strings(object, "indicator_types", at: location).map { $0.lowercased() }
        if indicatorTypes.contains("benign") {
            throw FeedRejection(
                location: location, field: "indicator_types", reason: "a benign indicator is not a threat; not imported")
        }
        guard let patternText = LooseJSON.string(object["pattern"]) else {
            throw Self.expected("a string", object["pattern"], field: "pattern", at: location)
        }
        var template = try common(object, id: id, at: location)
        template.firstSeen = try time(object, "valid_from", at: location)
        template.validUntil = try time(object, "valid_until", at: location)
        if let confidence = object["confidence"] {
            guard let number = LooseJSON.integer(confidence) else {
                throw Self.expected("a whole number from 0 to 100", confidence, field: "confidence", at: location)
            }
            guard (0...100).contains(number) else {
                throw FeedRejection(location: location, field: "confidence", reason: "confidence \(number) is not from 0 to 100")
            }
            template.confidence = Int(number)
        }
        for label in try strings(object, "labels", at: location) { FeedFieldText.append(label, to: &template.tags) }
        // STIX 2.0 indicators carry their indicator types in `labels`.
        template.threatType = Self.threatType(labels: template.tags, indicatorTypes: indicatorTypes.isEmpty ? template.tags : indicatorTypes)
        template.description = LooseJSON.text(object["name"]) ?? LooseJSON.text(object["description"])

        let pattern: STIXPattern
        do { pattern = try STIXPattern(parsing: patternText) } catch {
            throw FeedRejection(location: location, field: "pattern", reason: "\(error)")
        }
        let targets: [STIXPatternTarget]
        switch STIXPatternTarget.targets(of: pattern) {
        case .success(let list): targets = list
        case .failure(let problem): throw FeedRejection(location: location, field: "pattern", reason: problem.reason)
        }
        for qualifier in pattern.qualifiers { ignoredQualifiers[qualifier, default: 0] += 1 }
        var seen: Set<STIXPatternTarget> = []
        for target in targets where seen.insert(target).inserted {
            records.append(FeedValue.record(target.raw, as: target.type, at: location, field: "pattern", build: template.item))
        }
    }

    private mutating func observable(
        _ object: [String: Any], type: String, id: String, at location: FeedLocation, into records: inout [FeedRecord]
    ) throws(FeedRejection) {
        let template = try common(object, id: id, at: location)
        let defanged = LooseJSON.bool(object["defanged"]) == true
        var values: [(IndicatorType?, String, String)] = []
        switch type {
        case "file":
            let hashes = LooseJSON.object(object["hashes"]) ?? [:]
            for key in hashes.keys.sorted() {
                guard let hashType = STIXPatternTarget.hashType(key), let text = LooseJSON.string(hashes[key]) else { continue }
                values.append((hashType, text, "hashes.\(key)"))
            }
            guard !values.isEmpty else {
                skippedObjectTypes["file", default: 0] += 1
                return
            }
        case "autonomous-system":
            guard let number = LooseJSON.integer(object["number"]) else {
                throw Self.expected("a whole number", object["number"], field: "number", at: location)
            }
            values.append((.asn, String(number), "number"))
        default:
            guard let text = LooseJSON.string(object["value"]) else {
                throw Self.expected("a string", object["value"], field: "value", at: location)
            }
            let ipType: IndicatorType? = switch type {
            case "ipv4-addr": text.contains("/") ? .cidr4 : .ipv4
            case "ipv6-addr": text.contains("/") ? .cidr6 : .ipv6
            case "domain-name": .domain
            case "url": .url
            default: .email
            }
            values.append((ipType, defanged ? IndicatorValue.refang(text) : text, "value"))
        }
        for (valueType, raw, field) in values {
            records.append(FeedValue.record(raw, as: valueType, at: location, field: field, build: template.item))
        }
    }

    /// What an object says about its items, before their values are known.
    private struct Fields {
        var threatType: ThreatType?
        var tags: [String] = []
        var confidence: Int?
        var tlp: TLP?
        var itemID: String?
        var firstSeen: Int64?
        var validUntil: Int64?
        var description: String?
        var location: FeedLocation

        func item(_ value: IndicatorValue) -> FeedItem {
            FeedItem(value: value, threatType: threatType, tags: tags, confidence: confidence, tlp: tlp, itemID: itemID,
                     firstSeen: firstSeen, validUntil: validUntil, description: description, location: location)
        }
    }

    /// What every object may carry: item id, location and TLP (the most restrictive marking).
    private func common(_ object: [String: Any], id: String, at location: FeedLocation) throws(FeedRejection) -> Fields {
        var tlp: TLP?
        for ref in try strings(object, "object_marking_refs", at: location) {
            let label = documentMarkings[ref.lowercased()] ?? STIXTLPMarking.tlp(forMarkingID: ref)
            if let label, tlp.map({ label > $0 }) ?? true { tlp = label }
        }
        return Fields(tlp: tlp, itemID: LooseJSON.text(object["id"]), location: location)
    }

    private func strings(_ object: [String: Any], _ key: String, at location: FeedLocation) throws(FeedRejection) -> [String] {
        guard let value = object[key] else { return [] }
        guard let array = LooseJSON.array(value), let strings = array as? [String] else {
            throw Self.expected("a list of strings", value, field: key, at: location)
        }
        return strings
    }

    private func time(_ object: [String: Any], _ key: String, at location: FeedLocation) throws(FeedRejection) -> Int64? {
        guard let value = object[key] else { return nil }
        guard let text = LooseJSON.string(value) else {
            throw Self.expected("an RFC 3339 timestamp", value, field: key, at: location)
        }
        guard let millis = FeedTime.parse(text) else {
            throw FeedRejection(location: location, field: key, reason: "\"\(text.prefix(40))\" is not an RFC 3339 timestamp")
        }
        return millis
    }

    /// A rejection saying what `field` should have held and what it held.
    private static func expected(_ what: String, _ value: Any?, field: String, at location: FeedLocation) -> FeedRejection {
        FeedRejection(location: location, field: field, reason: "expected \(what), found \(LooseJSON.kind(value))")
    }

    /// The threat type from labels naming one, else from `indicator_types`.
    static func threatType(labels: [String], indicatorTypes: [String]) -> ThreatType? {
        if let named = labels.lazy.compactMap({ ThreatType(rawValue: $0) }).first { return named }
        if indicatorTypes.contains("compromised") { return .compromised }
        let other: Set<String> = ["malicious-activity", "anomalous-activity", "anonymization", "attribution"]
        return indicatorTypes.contains(where: other.contains) ? .other : nil
    }
}
