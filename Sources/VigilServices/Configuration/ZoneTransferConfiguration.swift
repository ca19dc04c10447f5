import VigilCore

extension VigilConfiguration {
    /// The `zone_transfer:` section: the blocklists' RPZ zones served over DNS (AXFR, IXFR and
    /// NOTIFY) to the resolvers of operators, so they follow changes within seconds.
    ///
    /// ```yaml
    /// zone_transfer:
    ///   listen: 127.0.0.1:5353
    ///   check_seconds: 10
    ///   secondaries:
    ///     - address: 192.0.2.53
    ///       organisation: Example Resolver Operator
    ///       notify: 192.0.2.53:53
    /// ```
    public struct ZoneTransfer: Sendable, Equatable {
        /// Allowed values of ``checkSeconds``.
        public static let checkSecondsRange = 1...86_400

        /// `zone_transfer.listen`: address and port for DNS over TCP and UDP; unset (the default)
        /// serves no zones.
        public var listen: ListenAddress?
        /// `zone_transfer.check_seconds`: how often the zones are rebuilt to look for changes (10);
        /// an appeal or allowlist change triggers a rebuild at once.
        public var checkSeconds: Int
        /// `zone_transfer.secondaries`: who may transfer which zones, and whom to NOTIFY.
        public var secondaries: [Secondary]

        /// One secondary: an address or network allowed to transfer, optionally limited to the
        /// lists of one operator organisation, optionally notified of changes.
        public struct Secondary: Sendable, Equatable {
            /// `address`: an IPv4/IPv6 address or network in CIDR form.
            public var network: Network
            /// `organisation`: when set, only the lists this organisation may fetch (those naming
            /// it among their operators, or no operators); when unset, every list.
            public var organisation: String?
            /// `notify`: `HOST:PORT` to send NOTIFY to when a zone changes.
            public var notify: ListenAddress?

            /// Creates a secondary.
            public init(network: Network, organisation: String? = nil, notify: ListenAddress? = nil) {
                self.network = network
                self.organisation = organisation
                self.notify = notify
            }
        }

        /// An IPv4 or IPv6 network.
        public enum Network: Sendable, Equatable {
            case v4(IPv4Network)
            case v6(IPv6Network)

            /// Parses an address (a host network) or `ADDRESS/PREFIX`.
            public init(parsing text: String) throws(ConfigurationError.InvalidValue) {
                let hasPrefix = text.contains("/")
                if text.contains(":") {
                    guard let network = try? IPv6Network(parsing: hasPrefix ? text : text + "/128") else {
                        throw .init("\"\(text)\" is not an IPv6 address or network")
                    }
                    self = .v6(network)
                } else {
                    guard let network = try? IPv4Network(parsing: hasPrefix ? text : text + "/32") else {
                        throw .init("\"\(text)\" is not an IPv4 address or network")
                    }
                    self = .v4(network)
                }
            }

            /// Whether the address given as text (`192.0.2.1`, `::1`, `::ffff:192.0.2.1`) is inside.
            public func contains(address text: String) -> Bool {
                switch self {
                case .v4(let network):
                    let plain = text.hasPrefix("::ffff:") ? String(text.dropFirst(7)) : text
                    return (try? IPv4Address(parsing: plain)).map(network.contains) ?? false
                case .v6(let network):
                    return (try? IPv6Address(parsing: text)).map(network.contains) ?? false
                }
            }
        }

        /// Creates the section; the defaults are Vigil's defaults.
        public init(listen: ListenAddress? = nil, checkSeconds: Int = 10, secondaries: [Secondary] = []) {
            self.listen = listen
            self.checkSeconds = checkSeconds
            self.secondaries = secondaries
        }

        /// Reads the section from `mapping`, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            listen = mapping.optional("listen") { text throws(ConfigurationError.InvalidValue) in try ListenAddress(parsing: text) }
            checkSeconds = mapping.int("check_seconds", in: Self.checkSecondsRange) ?? checkSeconds
            if let items = mapping.value("secondaries")?.sequence() {
                secondaries = items.compactMap { item in item.mapping(Self.readSecondary(from:)) ?? nil }
            }
        }

        private static func readSecondary(from mapping: ConfigMapping) -> Secondary? {
            let network = mapping.parsed("address") { text throws(ConfigurationError.InvalidValue) in try Network(parsing: text) }
            let organisation = mapping.optional("organisation") { $0 }
            let notify = mapping.optional("notify") { text throws(ConfigurationError.InvalidValue) in try ListenAddress(parsing: text) }
            if network == nil, mapping.value("address") == nil {
                mapping.diagnostics.report(line: nil, key: ConfigMapping.join(mapping.path, "address"), "a secondary needs an address")
            }
            return network.map { Secondary(network: $0, organisation: organisation, notify: notify) }
        }
    }
}
