import VigilCore

extension VigilConfiguration {
    /// Reads one entry of the `blocklists:` list; `nil` when it is unusable (reported).
    ///
    /// ```yaml
    /// blocklists:
    ///   - name: malware-dns
    ///     types: [domain, domain-suffix]
    ///     threat_types: [malware-distribution, c2]
    ///     min_confidence: 60
    ///     max_tlp: GREEN
    ///     sources: [urlhaus]
    ///     tags: []
    ///     action: sinkhole:walled-garden.example.net
    ///     operators: [Example Resolver Operator]
    /// ```
    static func readBlocklist(from mapping: ConfigMapping) -> BlocklistPolicy? {
        let name = mapping.parsed("name") { text throws(ConfigurationError.InvalidValue) in
            guard BlocklistPolicy.isValidName(text) else {
                throw .init("list name \"\(text)\" must be 1–64 letters, digits, - or _")
            }
            return text
        }
        var policy = BlocklistPolicy(name: name ?? "")
        if let types = Self.list(mapping, "types", parse: { IndicatorType(rawValue: $0) }) { policy.types = Set(types) }
        if let threats = Self.list(mapping, "threat_types", parse: { try? ThreatType(parsing: $0) }) {
            policy.threatTypes = Set(threats)
        }
        policy.minimumConfidence = mapping.int("min_confidence", in: 0...100) ?? policy.minimumConfidence
        policy.maximumTLP = mapping.tlp("max_tlp") ?? policy.maximumTLP
        policy.sources = Self.list(mapping, "sources") { $0 } ?? []
        policy.tags = Self.list(mapping, "tags") { $0 } ?? []
        policy.operators = Self.list(mapping, "operators") { $0 } ?? []
        policy.action = mapping.parsed("action") { text throws(ConfigurationError.InvalidValue) in
            guard let action = BlocklistAction(parsing: text) else {
                throw .init("action \"\(text)\" is not nxdomain, nodata, passthru or sinkhole:NAME")
            }
            return action
        } ?? policy.action
        guard name != nil else {
            if mapping.value("name") == nil {
                mapping.diagnostics.report(line: nil, key: ConfigMapping.join(mapping.path, "name"), "a blocklist needs a name")
            }
            return nil
        }
        return policy
    }

    /// The strings of list `key`, each through `parse`; an element it rejects is reported by index.
    private static func list<T>(_ mapping: ConfigMapping, _ key: String, parse: (String) -> T?) -> [T]? {
        guard let items = mapping.value(key)?.sequence() else { return nil }
        return items.compactMap { item in
            guard let text = item.string() else { return nil }
            guard let value = parse(text) else {
                item.report("\"\(text)\" is not a valid value for \(key)")
                return nil
            }
            return value
        }
    }
}
