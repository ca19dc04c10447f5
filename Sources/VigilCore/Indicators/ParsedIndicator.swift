/// An indicator value in its concrete binary form, for code that needs more than the
/// canonical string (the matcher: address arithmetic, suffix walks, URL hosts).
public enum ParsedIndicator: Hashable, Sendable {
    /// An IPv4 address.
    case ipv4(IPv4Address)
    /// An IPv6 address.
    case ipv6(IPv6Address)
    /// An IPv4 network.
    case cidr4(IPv4Network)
    /// An IPv6 network.
    case cidr6(IPv6Network)
    /// Exactly this domain.
    case domain(DomainName)
    /// This domain and all its subdomains.
    case domainSuffix(DomainName)
    /// A URL.
    case url(URLValue)
    /// An e-mail address.
    case email(EmailAddress)
    /// An MD5, SHA-1 or SHA-256 hash.
    case hash(FileHash)
    /// An AS number.
    case asn(ASNumber)
}

extension IndicatorValue {
    /// The concrete value. Every `IndicatorValue` holds a canonical string that parses
    /// again (fuzz-tested); should that invariant ever break, this traps.
    public var parsed: ParsedIndicator {
        do {
            switch type {
            case .ipv4: return .ipv4(try IPv4Address(parsing: canonical))
            case .ipv6: return .ipv6(try IPv6Address(parsing: canonical))
            case .cidr4: return .cidr4(try IPv4Network(parsing: canonical))
            case .cidr6: return .cidr6(try IPv6Network(parsing: canonical))
            case .domain: return .domain(DomainName(uncheckedCanonical: canonical))
            case .domainSuffix: return .domainSuffix(DomainName(uncheckedCanonical: canonical))
            case .url: return .url(try URLValue(parsing: canonical, allowingMixedScripts: true))
            case .email: return .email(try EmailAddress(parsing: canonical, allowingMixedScripts: true))
            case .md5: return .hash(try FileHash(parsing: canonical, as: .md5))
            case .sha1: return .hash(try FileHash(parsing: canonical, as: .sha1))
            case .sha256: return .hash(try FileHash(parsing: canonical, as: .sha256))
            case .asn: return .asn(try ASNumber(parsing: canonical))
            }
        } catch {
            preconditionFailure("canonical \(type.rawValue) value does not parse: \(error)")
        }
    }
}
