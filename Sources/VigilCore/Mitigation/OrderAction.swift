/// What an order tells its addressees to do with the resources (SPEC C4).
public enum OrderAction: String, CaseIterable, Codable, Sendable {
    /// Block traffic to and from the resources.
    case block
    /// Answer the names with a sinkhole address.
    case sinkhole
    /// Stop resolving the names.
    case stopResolution = "stop-resolution"
    /// Take the content or the service down.
    case takedown
}
