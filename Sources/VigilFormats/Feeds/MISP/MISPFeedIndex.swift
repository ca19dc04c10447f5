import VigilCore

/// The index of a MISP feed: its `manifest.json` (event uuid → summary), so that a collector can
/// decide which `<uuid>.json` event files to fetch, and its `hashes.csv`. Each event file is then
/// read with `MISPFormat`.
///
/// Manifest keys must be UUIDs (8-4-4-4-12 hex digits): `fileName` is built from them, so a key
/// such as `../../x` can never name a path outside the feed. Bad entries become `rejections`
/// (object id = the key) and the rest of the manifest still loads.
public struct MISPFeedIndex: Sendable, Equatable {
    /// One event of the feed, as the manifest describes it.
    public struct Entry: Sendable, Hashable {
        /// The event uuid, lower case.
        public var uuid: String
        /// When the event last changed (`timestamp`), epoch milliseconds; nil when absent or unreadable.
        public var timestamp: Int64?
        /// The event summary (`info`).
        public var info: String?
        /// Every tag name, lower case (including `tlp:*`).
        public var tags: [String]
        /// The TLP of the event's `tlp:*` tag (the most restrictive), if any.
        public var tlp: TLP?
        /// The event date (`date`, `YYYY-MM-DD`) as written.
        public var date: String?
        /// The creating organisation's name (`Orgc.name`).
        public var organisation: String?
        /// `threat_level_id`: 1 high, 2 medium, 3 low, 4 undefined.
        public var threatLevel: Int?
        /// `analysis`: 0 initial, 1 ongoing, 2 complete.
        public var analysis: Int?

        /// Creates an entry.
        public init(
            uuid: String, timestamp: Int64? = nil, info: String? = nil, tags: [String] = [], tlp: TLP? = nil,
            date: String? = nil, organisation: String? = nil, threatLevel: Int? = nil, analysis: Int? = nil
        ) {
            self.uuid = uuid
            self.timestamp = timestamp
            self.info = info
            self.tags = tags
            self.tlp = tlp
            self.date = date
            self.organisation = organisation
            self.threatLevel = threatLevel
            self.analysis = analysis
        }

        /// The event file of the feed: `<uuid>.json`.
        public var fileName: String { "\(uuid).json" }
    }

    /// The events, oldest `timestamp` first (entries without one first), then by uuid.
    public var entries: [Entry]
    /// Manifest entries that could not be read.
    public var rejections: [FeedRejection]

    /// Reads a `manifest.json`; throws when it is not a JSON object.
    public init(manifest: [UInt8]) throws(FeedRejection) {
        let root: Any
        switch LooseJSON.parse(manifest) {
        case .success(let value): root = value
        case .failure(let problem): throw FeedRejection(location: FeedLocation(objectID: "manifest.json"), reason: problem.reason)
        }
        guard let object = LooseJSON.object(root) else {
            throw FeedRejection(location: FeedLocation(objectID: "manifest.json"),
                                reason: "expected an object of events by uuid, found \(LooseJSON.kind(root))")
        }
        var entries: [Entry] = []
        var rejections: [FeedRejection] = []
        for key in object.keys.sorted() {
            let location = FeedLocation(objectID: String(key.prefix(80)))
            guard Self.isUUID(key) else {
                rejections.append(FeedRejection(location: location, reason: "manifest key is not an event uuid"))
                continue
            }
            guard let event = LooseJSON.object(object[key]) else {
                rejections.append(FeedRejection(location: location, reason: "expected an object, found \(LooseJSON.kind(object[key]))"))
                continue
            }
            var tags: [String] = []
            for case let tag as [String: Any] in LooseJSON.array(event["Tag"]) ?? [] {
                if let name = LooseJSON.text(tag["name"]) { FeedFieldText.append(name, to: &tags) }
            }
            let timestamp = LooseJSON.integer(event["timestamp"]).flatMap { FeedFieldText.time(epoch: $0) }
            entries.append(Entry(
                uuid: key.lowercased(), timestamp: timestamp, info: LooseJSON.text(event["info"]), tags: tags,
                tlp: MISPTags(event["Tag"]).tlp, date: LooseJSON.text(event["date"]),
                organisation: LooseJSON.text(LooseJSON.object(event["Orgc"])?["name"]),
                threatLevel: LooseJSON.integer(event["threat_level_id"]).map { Int($0) },
                analysis: LooseJSON.integer(event["analysis"]).map { Int($0) }))
        }
        self.entries = entries.sorted { ($0.timestamp ?? -1, $0.uuid) < ($1.timestamp ?? -1, $1.uuid) }
        self.rejections = rejections
    }

    /// The entries changed after `millis` (epoch milliseconds), and those without a timestamp;
    /// all of them when `millis` is nil (first run).
    public func entries(changedAfter millis: Int64?) -> [Entry] {
        guard let millis else { return entries }
        return entries.filter { ($0.timestamp ?? .max) > millis }
    }

    /// One line of a feed's `hashes.csv`: the MD5 of an attribute value and the event holding it.
    public struct Hash: Sendable, Hashable {
        /// MD5 of the attribute value (of each part for composite types), lower-case hex.
        public var md5: String
        /// The event's uuid, lower case.
        public var eventUUID: String

        /// Creates a line.
        public init(md5: String, eventUUID: String) {
            self.md5 = md5
            self.eventUUID = eventUUID
        }
    }

    /// Reads a `hashes.csv` (`md5,event-uuid` per line); bad lines are rejections with their number.
    public static func hashes(csv bytes: [UInt8]) -> (hashes: [Hash], rejections: [FeedRejection]) {
        var reader = LineReader(bytes: bytes)
        var hashes: [Hash] = []
        var rejections: [FeedRejection] = []
        while let line = try? reader.next() {
            let text: Substring
            switch line.text() {
            case .success(let value): text = value
            case .failure(let rejection):
                rejections.append(rejection)
                continue
            }
            guard !text.feedTrimmed().isEmpty else { continue }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.feedTrimmed().lowercased() }
            let location = FeedLocation(line: line.number)
            guard parts.count == 2 else {
                rejections.append(FeedRejection(location: location, reason: "expected md5,event-uuid, found \(parts.count) fields"))
                continue
            }
            guard parts[0].utf8.count == 32, parts[0].utf8.allSatisfy(isHexDigit) else {
                rejections.append(FeedRejection(location: location, field: "md5", reason: "not 32 hex digits"))
                continue
            }
            guard isUUID(parts[1]) else {
                rejections.append(FeedRejection(location: location, field: "event uuid", reason: "not a uuid"))
                continue
            }
            hashes.append(Hash(md5: parts[0], eventUUID: parts[1]))
        }
        return (hashes, rejections)
    }

    /// Whether `text` is a UUID: 8-4-4-4-12 hex digits.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == 0x2D else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
