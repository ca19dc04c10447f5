import VigilCore

extension VigilConfiguration {
    /// The `sharing:` section: partners abroad and at home, what each may receive, and the
    /// cross-border gate.
    ///
    /// ```yaml
    /// sharing:
    ///   home_jurisdiction: XA
    ///   producer: CERT Exampleland
    ///   taxii_publish_seconds: 60
    ///   partners:
    ///     - organisation: CERT Testland
    ///       jurisdiction: XB
    ///       transport: taxii
    ///       max_tlp: AMBER
    ///       indicator_types: []
    ///       threat_types: []
    ///       tags: []
    ///       sources: []
    ///       personal_data: false
    ///       hold_above: 10000
    /// ```
    public struct Sharing: Sendable, Equatable {
        /// `home_jurisdiction`: the country whose law the CERT works under (empty: every partner is
        /// treated as abroad, the safe side).
        public var homeJurisdiction = ""
        /// `producer`: the name exports give their author (the CERT), as STIX identity and MISP Orgc.
        public var producer = "Vigil"
        /// `taxii_publish_seconds`: how often `vigil serve` publishes new object versions to the
        /// TAXII collections (60).
        public var taxiiPublishSeconds = 60
        /// `partners` list.
        public var partners: [Partner] = []

        /// No partners.
        public init() {}

        init(from mapping: ConfigMapping) {
            self.init()
            homeJurisdiction = mapping.string("home_jurisdiction")?.uppercased() ?? homeJurisdiction
            producer = mapping.string("producer") ?? producer
            taxiiPublishSeconds = mapping.int("taxii_publish_seconds", in: 1...86_400) ?? taxiiPublishSeconds
            if let items = mapping.value("partners")?.sequence() {
                partners = items.compactMap { $0.mapping(Partner.init(from:)) }
                var seen = Set<String>()
                for partner in partners where !seen.insert(partner.organisation).inserted {
                    mapping.diagnostics.report(line: nil, key: "sharing.partners", "partner \"\(partner.organisation)\" is defined twice")
                }
            }
        }

        /// The partner profile of an organisation, by name.
        public func partner(named name: String) -> Partner? { partners.first { $0.organisation == name } }
    }

    /// One partner and its sharing profile.
    public struct Partner: Sendable, Equatable {
        /// How the partner receives data.
        public enum Transport: String, Sendable, CaseIterable {
            /// Pulls from (and may push to) its TAXII 2.1 collection.
            case taxii
            /// Fetches a MISP feed.
            case mispFeed = "misp-feed"
        }

        /// `organisation`: the partner's organisation in Vigil (its users have the partner role).
        public var organisation = ""
        /// `jurisdiction`: its country code.
        public var jurisdiction = ""
        /// `transport` (taxii).
        public var transport = Transport.taxii
        /// `max_tlp` (GREEN): the highest TLP shared; RED never leaves.
        public var maxTLP = TLP.green
        /// `indicator_types`: shared types (empty: all).
        public var indicatorTypes: [IndicatorType] = []
        /// `threat_types` (empty: all).
        public var threatTypes: [String] = []
        /// `tags`: shared when tagged with one of these (empty: any).
        public var tags: [String] = []
        /// `sources`: shared when reported by one of these (empty: any).
        public var sources: [String] = []
        /// `personal_data` (false): client addresses of sightings and victims' e-mail addresses may
        /// go to this partner although it is abroad.
        public var personalData = false
        /// `hold_above` (10000): an export of more objects than this in one day waits for an
        /// analyst's approval.
        public var holdAbove = 10_000

        /// A partner with the defaults.
        public init(organisation: String = "", jurisdiction: String = "") {
            self.organisation = organisation
            self.jurisdiction = jurisdiction
        }

        init(from mapping: ConfigMapping) {
            self.init()
            organisation = mapping.string("organisation") ?? ""
            if organisation.isEmpty { mapping.diagnostics.report(line: nil, key: "sharing.partners", "a partner needs its organisation") }
            jurisdiction = mapping.string("jurisdiction")?.uppercased() ?? ""
            transport = mapping.oneOf("transport", Transport.self) ?? transport
            maxTLP = mapping.tlp("max_tlp") ?? maxTLP
            if maxTLP == .red {
                mapping.diagnostics.report(line: nil, key: "sharing.partners.max_tlp", "TLP:RED is never shared with a partner")
            }
            indicatorTypes = (mapping.value("indicator_types")?.sequence() ?? []).compactMap { $0.oneOf(IndicatorType.self) }
            threatTypes = (mapping.value("threat_types")?.sequence() ?? []).compactMap { $0.string() }
            tags = (mapping.value("tags")?.sequence() ?? []).compactMap { $0.string() }
            sources = (mapping.value("sources")?.sequence() ?? []).compactMap { $0.string() }
            personalData = mapping.bool("personal_data") ?? personalData
            holdAbove = mapping.int("hold_above", in: 1...100_000_000) ?? holdAbove
        }
    }
}
