import VigilCore

/// What a list of MISP tags says: TLP, plain tags and a threat type when one is clear.
struct MISPTags: Sendable, Equatable {
    /// The most restrictive `tlp:*` tag (TLP 2.0 labels and `tlp:white`).
    var tlp: TLP?
    /// The other tag names, lower-cased, without repeats.
    var tags: [String] = []
    /// A threat type one of the tags states clearly, else nil.
    var threatType: ThreatType?

    /// Reads a `Tag` array (`[{"name": "tlp:green", …}, …]`); entries without a string name are ignored.
    init(_ value: Any?) {
        for case let tag as [String: Any] in LooseJSON.array(value) ?? [] {
            guard let name = LooseJSON.text(tag["name"]) else { continue }
            let lower = name.lowercased()
            if lower.hasPrefix("tlp:"), let label = try? TLP(parsing: lower) {
                if tlp.map({ label > $0 }) ?? true { tlp = label }
                continue
            }
            FeedFieldText.append(lower, to: &tags)
            if threatType == nil { threatType = Self.threatType(lower) }
        }
    }

    /// Machine tags (RSIT, kill chain) whose meaning is one threat type.
    private static let known: [String: ThreatType] = [
        "rsit:abusive-content=\"spam\"": .spam,
        "rsit:malicious-code=\"c2-server\"": .c2,
        "rsit:malicious-code=\"malware-distribution\"": .malwareDistribution,
        "rsit:malicious-code=\"infected-system\"": .compromised,
        "rsit:information-gathering=\"scanner\"": .scanner,
        "rsit:intrusion-attempts=\"exploit\"": .exploit,
        "rsit:intrusion-attempts=\"ids-alert\"": .exploit,
        "rsit:availability=\"ddos\"": .ddosSource,
        "rsit:availability=\"dos\"": .ddosSource,
        "rsit:fraud=\"phishing\"": .phishing,
        "kill-chain:command and control": .c2,
    ]

    /// The threat type a lower-cased tag states: a taxonomy name itself (`phishing`, `c2`…), an
    /// RSIT tag with a clear meaning (`rsit:fraud="phishing"`, any `rsit:vulnerable=…` or
    /// `rsit:intrusions=…`), or `kill-chain:command and control`.
    static func threatType(_ tag: String) -> ThreatType? {
        if let direct = ThreatType(rawValue: tag) { return direct }
        if let known = known[tag] { return known }
        if tag.hasPrefix("rsit:vulnerable=") { return .vulnerable }
        if tag.hasPrefix("rsit:intrusions=") { return .compromised }
        return nil
    }

    /// Attribute tags over event tags: the attribute's TLP and threat type win when it has one,
    /// tags are the event's followed by the attribute's.
    func overriding(_ event: MISPTags) -> MISPTags {
        var merged = event
        for tag in tags { FeedFieldText.append(tag, to: &merged.tags) }
        merged.tlp = tlp ?? event.tlp
        merged.threatType = threatType ?? event.threatType
        return merged
    }
}
