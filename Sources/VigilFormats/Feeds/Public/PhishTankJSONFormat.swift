import VigilCore

/// PhishTank database download `online-valid.json` (`http://data.phishtank.com/data/online-valid.json`,
/// see `https://www.phishtank.com/developer_info.php`): one JSON array of objects with `phish_id`,
/// `url`, `phish_detail_url`, `submission_time`, `verified`, `verification_time`, `online`,
/// `details` (hosting IPs) and `target` (the brand attacked).
///
/// A document format: lines are collected and decoded in `finish`, element by element, so one broken
/// object costs only itself (see `JSONArrayElements`). Each verified object becomes a `url` item,
/// threat type `phishing`, item id and location object id `phish_id`, first seen `submission_time`,
/// tag `target` in lower case. An object PhishTank has not verified (`verified` "no" or false) is
/// rejected in field `verified`, never dropped silently; so are a missing or non-positive
/// `phish_id`, a bad `url` and an unreadable `submission_time`. `online` is not checked (a verified
/// phish that went offline is still a phishing URL), and the hosting IPs in `details` are not
/// taken: they are mostly shared hosting, not indicators. Values are decoded with `JSONDecoder`,
/// which keeps `true` and `1` apart (JSONSerialization on Linux does not).
///
/// The real file is a single line of several megabytes: the line reader of a source using this
/// format needs a line limit as large as the file limit.
public struct PhishTankJSONFormat: ConfigurableFeedFormat {
    /// The name used by `vigil ingest --format NAME`.
    public static let name = "phishtank-json"
    /// One JSON array, often on a single line.
    public static let isDocument = true
    /// One sentence for `--help` and the README.
    public static let summary = "PhishTank online-valid.json: JSON array of verified phishing URLs (phish_id, url, target, times)"

    /// The document so far; unreadable lines stand as empty lines so line numbers stay right.
    private var document: [UInt8] = []
    /// Number of the first line read.
    private var firstLine: Int?

    /// Takes no options.
    public init(options: FeedOptions) throws(FeedOptionsError) {}

    /// Collects one line of the document; an unreadable line is rejected at once.
    public mutating func read(_ line: Line, into records: inout [FeedRecord]) {
        if firstLine == nil { firstLine = line.number }
        switch line.text() {
        case .success(let text): document.append(contentsOf: text.utf8)
        case .failure(let rejection): records.append(.rejection(rejection))
        }
        document.append(0x0A)
    }

    /// Decodes the collected document.
    public mutating func finish(into records: inout [FeedRecord]) {
        defer {
            document = []
            firstLine = nil
        }
        for piece in JSONArrayElements.split(document, firstLine: firstLine ?? 1) {
            let bytes = document[piece.bytes]
            let id = JSONArrayElements.scalar(after: "phish_id", in: bytes)
            if let problem = piece.problem {
                let location = FeedLocation(line: piece.line, objectID: id)
                records.append(.rejection(FeedRejection(location: location, reason: problem)))
                continue
            }
            switch JSONArrayElements.object(bytes) {
            case .success(let object): records.append(Self.record(object, line: piece.line))
            case .failure(let problem):
                let location = FeedLocation(line: piece.line, objectID: id)
                records.append(.rejection(FeedRejection(location: location, reason: problem.reason)))
            }
        }
    }

    /// The record for one decoded phish object starting on `line`.
    static func record(_ object: [String: JSONArrayElements.Scalar], line: Int) -> FeedRecord {
        let id: String?
        switch object["phish_id"] {
        case .integer(let number) where number > 0: id = String(number)
        case .string(let text) where !text.isEmpty && text.utf8.count <= 20 && text.utf8.allSatisfy({ (0x30...0x39).contains($0) })
            && text.first != "0":
            id = text
        default: id = nil
        }
        let location = FeedLocation(line: line, objectID: id)
        func reject(_ field: String, _ reason: String) -> FeedRecord {
            .rejection(FeedRejection(location: location, field: field, reason: reason))
        }
        guard let id else { return reject("phish_id", "phish_id is missing or not a positive integer") }
        switch object["verified"] {
        case .string("yes"), .bool(true): break
        case .string("no"), .bool(false):
            return reject("verified", "the phish is not verified by the PhishTank community (verified = no)")
        case nil: return reject("verified", "verified is missing")
        default: return reject("verified", "verified is neither \"yes\" nor \"no\"")
        }
        guard case .string(let rawURL) = object["url"] else { return reject("url", "url is missing or not a string") }
        var firstSeen: Int64?
        switch object["submission_time"] {
        case .string(let text):
            guard let time = FeedTime.parse(text) else {
                return reject("submission_time", "submission_time \"\(text.prefix(40))\" is not an ISO 8601 time")
            }
            firstSeen = time
        case nil, .null: break
        default: return reject("submission_time", "submission_time is not a string")
        }
        var tags: [String] = []
        if case .string(let target) = object["target"] {
            let tag = OneValuePerLine.trimmed(Substring(target)).lowercased()
            if !tag.isEmpty { tags.append(tag) }
        }
        return FeedValue.record(rawURL, as: .url, at: location, field: "url") { value in
            FeedItem(value: value, threatType: .phishing, tags: tags, itemID: id, firstSeen: firstSeen, location: location)
        }
    }
}
