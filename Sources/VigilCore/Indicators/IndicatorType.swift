/// The kind of a technical threat indicator (SPEC C1).
///
/// The raw values are the stable names used in the API, the database and feeds.
public enum IndicatorType: String, Codable, CaseIterable, Sendable, Hashable {
    /// A single IPv4 address in dotted-quad form, e.g. `192.0.2.1`.
    case ipv4
    /// A single IPv6 address in RFC 5952 form, e.g. `2001:db8::1`.
    case ipv6
    /// An IPv4 network in CIDR notation with host bits cleared, e.g. `192.0.2.0/24`.
    case cidr4
    /// An IPv6 network in CIDR notation with host bits cleared, e.g. `2001:db8::/32`.
    case cidr6
    /// Exactly this domain name (not its subdomains).
    case domain
    /// This domain name and all of its subdomains. The canonical value is the domain itself.
    case domainSuffix = "domain-suffix"
    /// An http, https or ftp URL, normalised per RFC 3986 §6.2.2–6.2.3.
    case url
    /// An e-mail address (`local@domain`).
    case email
    /// An MD5 file hash (32 hex digits).
    case md5
    /// A SHA-1 file hash (40 hex digits).
    case sha1
    /// A SHA-256 file hash (64 hex digits).
    case sha256
    /// An autonomous system number, canonical form `AS64496`.
    case asn
}
