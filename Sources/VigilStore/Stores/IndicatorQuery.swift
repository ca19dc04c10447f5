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
    /// Addresses and networks lying within this block (CIDR containment).
    public var within: AddressRange?
    /// Order of the results.
    public var sort: IndicatorSort
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
        sourceID: String? = nil, within: AddressRange? = nil, sort: IndicatorSort = .newest, limit: Int = 100,
        cursor: IndicatorCursor? = nil
    ) {
        self.within = within
        self.sort = sort
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
    /// Canonical value of that row, for pages sorted by value.
    public var value: String?
    /// Id of that row.
    public var id: String

    /// Creates a cursor; `value` is set for pages sorted by value.
    public init(createdAt: Int64, id: String, value: String? = nil) {
        self.createdAt = createdAt
        self.id = id
        self.value = value
    }

    /// The cursor as a URL-safe token.
    public var token: String {
        let text = value.map { "v:\(id):\($0)" } ?? "\(createdAt):\(id)"
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token made by `token`; nil when it is not one.
    public init?(token: String) {
        guard token.count <= 6000 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "v", !parts[1].isEmpty {
            self.init(createdAt: 0, id: String(parts[1]), value: String(parts[2]))
            return
        }
        guard let colon = text.firstIndex(of: ":"), let time = Int64(text[..<colon]) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(createdAt: time, id: id)
    }
}

/// How a search orders its results; each order pages with its own cursor.
public enum IndicatorSort: String, CaseIterable, Sendable {
    /// Newest first (the default).
    case newest
    /// Oldest first.
    case oldest
    /// By canonical value, A to Z.
    case value
}

/// One page of search results.
public struct IndicatorPage: Sendable {
    /// The indicators on this page.
    public var items: [IndicatorRecord]
    /// Where the next page starts, nil on the last page.
    public var nextCursor: IndicatorCursor?
}
