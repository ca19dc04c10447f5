import VigilMatch

extension VigilConfiguration {
    /// The `warning_lists:` section: which never-act lists apply at ingest.
    public struct WarningLists: Sendable, Equatable {
        /// `warning_lists.exclude`: built-in lists to switch off, e.g. `iana-documentation` for a lab
        /// that works with documentation ranges (`[]`).
        public var exclude: [String]
        /// `warning_lists.top_sites_csv`: a Tranco-style `rank,domain` CSV of popular sites (none).
        public var topSitesCSV: String?
        /// `warning_lists.top_sites_limit`: how many ranks of it to use (10000).
        public var topSitesLimit: Int

        /// Allowed range of `top_sites_limit`.
        public static let topSitesLimitRange = 1...10_000_000

        /// Creates the section; the defaults are Vigil's defaults.
        public init(exclude: [String] = [], topSitesCSV: String? = nil, topSitesLimit: Int = 10_000) {
            self.exclude = exclude
            self.topSitesCSV = topSitesCSV
            self.topSitesLimit = topSitesLimit
        }

        /// Reads the section from `mapping`, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            if let items = mapping.value("exclude")?.sequence() {
                exclude = items.compactMap { item in
                    item.parsed { name throws(ConfigurationError.InvalidValue) in
                        guard WarningList.BuiltIn(rawValue: name) != nil else {
                            throw .init("unknown warning list \"\(name)\"; built-in lists: "
                                + WarningList.BuiltIn.allCases.map(\.rawValue).joined(separator: ", "))
                        }
                        return name
                    }
                }
            }
            topSitesCSV = mapping.optional("top_sites_csv") { $0 }
            topSitesLimit = mapping.int("top_sites_limit", in: Self.topSitesLimitRange) ?? topSitesLimit
        }
    }
}
