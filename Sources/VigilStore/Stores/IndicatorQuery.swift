import Foundation
import VigilCore

/// Filters and paging for an indicator search. Empty filters match everything the scope may see.
public struct IndicatorQuery: Sendable, Hashable {
    /// Exact canonical value.
    public var value: String?
    /// Canonical value starts with this (lower case).
    public var valuePrefix: String?
    /// Indicator type.
    public var type: IndicatorType?
    /// TLP label.
    public var tlp: TLP?
    /// Lifecycle status.
    public var status: IndicatorStatus?
    /// Threat type.
    public var threatType: ThreatType?
    /// Carries this tag.
    public var tag: String?
    /// Listed by this source (id).
    public var sourceID: String?
    /// Page size, 1…1000.
    public var limit: Int
    /// Where the previous page ended.
    public var cursor: IndicatorCursor?

    /// The largest page a caller may ask for.
    public static let maxLimit = 1000

    /// Creates a query; `limit` is clamped to 1…`maxLimit`.
    public init(
        value: String? = nil, valuePrefix: String? = nil, type: IndicatorType? = nil, tlp: TLP? = nil,
        status: IndicatorStatus? = nil, threatType: ThreatType? = nil, tag: String? = nil,
        sourceID: String? = nil, limit: Int = 100, cursor: IndicatorCursor? = nil
    ) {
        self.value = value
        self.valuePrefix = valuePrefix
        self.type = type
        self.tlp = tlp
        self.status = status
        self.threatType = threatType
        self.tag = tag
        self.sourceID = sourceID
        self.limit = min(max(limit, 1), Self.maxLimit)
        self.cursor = cursor
    }
}

/// An opaque position in the newest-first indicator order: (created_at, id).
public struct IndicatorCursor: Sendable, Hashable {
    /// Creation time of the last row of the previous page.
    public var createdAt: Int64
    /// Id of that row.
    public var id: String

    /// Creates a cursor.
    public init(createdAt: Int64, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    /// The cursor as a URL-safe token.
    public var token: String {
        Data("\(createdAt):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token made by `token`; nil when it is not one.
    public init?(token: String) {
        guard token.count <= 200 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":"), let time = Int64(text[..<colon]) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(createdAt: time, id: id)
    }
}

/// One page of search results.
public struct IndicatorPage: Sendable {
    /// The indicators on this page.
    public var items: [IndicatorRecord]
    /// Where the next page starts, nil on the last page.
    public var nextCursor: IndicatorCursor?
}
