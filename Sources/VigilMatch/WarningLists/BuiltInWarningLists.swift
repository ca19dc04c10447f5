extension WarningList {
    /// The lists compiled into Vigil (see `WarningList.builtIn(_:)`). The top-sites list
    /// (`topSites(csv:limit:)`) and the allowlist (`allowlist(_:)`) come from the operator.
    public enum BuiltIn: String, CaseIterable, Sendable, Hashable {
        /// IANA IPv4 special-purpose ranges (private, loopback, link-local, CGN,
        /// benchmarking, reserved, multicast, …) without the documentation blocks.
        case ianaSpecialIPv4 = "iana-special-ipv4"
        /// IANA IPv6 special-purpose ranges (loopback, unique-local, link-local, NAT64,
        /// 6to4, Teredo, multicast, …) without the documentation blocks.
        case ianaSpecialIPv6 = "iana-special-ipv6"
        /// The documentation address blocks: 192.0.2.0/24, 198.51.100.0/24,
        /// 203.0.113.0/24, 233.252.0.0/24, 2001:db8::/32 and 3fff::/20.
        case ianaDocumentation = "iana-documentation"
        /// Special-use and never-delegated names: `invalid`, `localhost`, `local`,
        /// `onion`, `alt`, `internal`, `home.arpa`, `arpa`, … (suffixes).
        case reservedTLDs = "reserved-tlds"
        /// The documentation and test names: `test`, `example`, `example.com`,
        /// `example.net`, `example.org` (suffixes).
        case reservedTLDsDocumentation = "reserved-tlds-documentation"
        /// Well-known public DNS resolvers: service addresses and DoH/DoT names.
        case publicResolvers = "public-resolvers"
        /// Big CDN and cloud platforms' bare domains and shared hosts (exact names).
        case cdnAndCloud = "cdn-and-cloud"

        /// The list's name (same as `rawValue`).
        public var name: String { rawValue }
    }

    /// The names of the lists that hold documentation ranges and names
    /// (`iana-documentation`, `reserved-tlds-documentation`). Vigil's demo data and tests
    /// use exactly these, so demo and test set-ups pass this set to
    /// `WarningListSet.builtIn(excluding:)`; production keeps them (values in them are
    /// never real targets).
    public static let documentationListNames: Set<String> = [
        BuiltIn.ianaDocumentation.name, BuiltIn.reservedTLDsDocumentation.name,
    ]

    /// All built-in lists, in `BuiltIn.allCases` order.
    public static let builtIn: [WarningList] = BuiltIn.allCases.map(makeBuiltIn)

    /// One built-in list.
    public static func builtIn(_ which: BuiltIn) -> WarningList {
        builtIn[BuiltIn.allCases.firstIndex(of: which)!]
    }

    private static func makeBuiltIn(_ which: BuiltIn) -> WarningList {
        let (description, text, options): (String, String, Options) = switch which {
        case .ianaSpecialIPv4:
            ("IANA IPv4 special-purpose address ranges and multicast (RFC 6890, RFC 8190).",
             BuiltInWarningListData.ianaSpecialIPv4, [])
        case .ianaSpecialIPv6:
            ("IANA IPv6 special-purpose address ranges and multicast (RFC 6890, RFC 8190).",
             BuiltInWarningListData.ianaSpecialIPv6, [])
        case .ianaDocumentation:
            ("Address blocks reserved for documentation (RFC 5737, RFC 3849, RFC 9637).",
             BuiltInWarningListData.ianaDocumentation, [])
        case .reservedTLDs:
            ("Special-use domain names that are never delegated (RFC 6761, RFC 6762, RFC 7686, RFC 8375, RFC 9476).",
             BuiltInWarningListData.reservedTLDs, [.emailDomains])
        case .reservedTLDsDocumentation:
            ("Domain names reserved for documentation and testing (RFC 2606, RFC 6761).",
             BuiltInWarningListData.reservedTLDsDocumentation, [.emailDomains])
        case .publicResolvers:
            ("Well-known public DNS resolvers and their DoH/DoT names.",
             BuiltInWarningListData.publicResolvers, [])
        case .cdnAndCloud:
            ("Bare domains and shared hosts of big CDN and cloud platforms (exact names; customers' names below them are not listed).",
             BuiltInWarningListData.cdnAndCloud, [])
        }
        do {
            return try WarningList(name: which.name, description: description, parsing: text, options: options)
        } catch {
            preconditionFailure("built-in warning list is invalid: \(error)")
        }
    }
}

extension WarningListSet {
    /// The built-in lists except those named in `excluding`, followed by `adding` (the
    /// operator's top-sites list and allowlist, say), compiled into one set.
    ///
    /// Names in `excluding` that are not built-in lists are ignored; a configuration
    /// loader should check them against `WarningList.BuiltIn.allCases`. For a demo or
    /// test set-up that uses documentation ranges and names, exclude
    /// `WarningList.documentationListNames`.
    public static func builtIn(excluding: Set<String> = [], adding: [WarningList] = []) -> WarningListSet {
        WarningListSet(WarningList.builtIn.filter { !excluding.contains($0.name) } + adding)
    }
}
