extension VigilConfiguration {
    /// The `matching:` section: how telemetry hits become sightings.
    ///
    /// ```yaml
    /// matching:
    ///   pseudonymise_clients: true
    ///   raw_hit_retention_days: 7
    ///   reload_check_seconds: 30
    ///   threads: 2
    /// ```
    public struct Matching: Sendable, Equatable {
        /// Allowed values of ``rawHitRetentionDays``.
        public static let retentionRange = 0...3650
        /// Allowed values of ``reloadCheckSeconds``.
        public static let reloadRange = 1...86_400

        /// `matching.pseudonymise_clients`: store client addresses as a keyed HMAC (the key in
        /// `DATA_DIR/client-pseudonym.key`) instead of in clear (true). Client addresses are
        /// personal data; an analyst can still tell one client from another and look one up.
        public var pseudonymiseClients: Bool
        /// `matching.raw_hit_retention_days`: how long each raw hit (with file and line) is kept;
        /// the hourly counts stay (7; 0 keeps no raw hits).
        public var rawHitRetentionDays: Int
        /// `matching.reload_check_seconds`: how often `vigil serve` looks for changed indicators
        /// to recompile the matcher (30); SIGHUP and `POST /api/v1/matcher/reload` do it at once.
        public var reloadCheckSeconds: Int
        /// `matching.threads`: scanning threads (the number of cores by default).
        public var threads: Int?

        /// The section with Vigil's defaults.
        public init(
            pseudonymiseClients: Bool = true, rawHitRetentionDays: Int = 7, reloadCheckSeconds: Int = 30, threads: Int? = nil
        ) {
            self.pseudonymiseClients = pseudonymiseClients
            self.rawHitRetentionDays = rawHitRetentionDays
            self.reloadCheckSeconds = reloadCheckSeconds
            self.threads = threads
        }

        /// Reads the section from `mapping`, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            pseudonymiseClients = mapping.bool("pseudonymise_clients") ?? pseudonymiseClients
            rawHitRetentionDays = mapping.int("raw_hit_retention_days", in: Self.retentionRange) ?? rawHitRetentionDays
            reloadCheckSeconds = mapping.int("reload_check_seconds", in: Self.reloadRange) ?? reloadCheckSeconds
            if let node = mapping.value("threads"), !node.isNull { threads = node.int(in: 1...256) }
        }
    }
}
