/// One thing an order is about: a stored indicator, or a free-form resource (a name, an address,
/// a URL, a hosting account…) that is not an indicator.
public struct OrderResource: Codable, Sendable, Hashable {
    /// The resource as the addressee should read it (an indicator's canonical value).
    public var value: String
    /// The indicator it comes from, if any.
    public var indicatorID: String?

    /// A resource.
    public init(value: String, indicatorID: String? = nil) {
        self.value = value
        self.indicatorID = indicatorID
    }

    enum CodingKeys: String, CodingKey {
        case value
        case indicatorID = "indicator_id"
    }
}
