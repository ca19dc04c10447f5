extension VigilConfiguration {
    /// The `notices:` section: how notices to the constituency are composed and delivered.
    ///
    /// ```yaml
    /// notices:
    ///   enabled: true
    ///   round_seconds: 60
    ///   first_lookback_days: 7
    ///   include_client_addresses: true
    ///   max_attempts: 8
    ///   retry_base_seconds: 60
    ///   webhook_timeout_seconds: 10
    ///   from: "CERT <cert@localhost>"
    ///   smtp:
    ///     host: null
    ///     port: 25
    ///     security: starttls
    ///     username: null
    ///     password: null
    ///     helo: localhost
    ///     ca_file: null
    ///     timeout_seconds: 30
    /// ```
    public struct Notices: Sendable, Equatable {
        /// How a connection to the mail server is protected.
        public enum Security: String, Sendable, CaseIterable {
            /// Plain SMTP (a relay on the same host).
            case none
            /// STARTTLS when the server offers it.
            case starttls
            /// STARTTLS or nothing is sent.
            case starttlsRequired = "starttls-required"
        }

        /// The `notices.smtp:` subsection.
        public struct SMTP: Sendable, Equatable {
            /// `host`: the mail server; nil turns e-mail off (e-mail notices then wait, queued).
            public var host: String?
            /// `port` (25).
            public var port = 25
            /// `security` (starttls).
            public var security = Security.starttls
            /// `username` for AUTH, nil for none.
            public var username: String?
            /// `password` for AUTH; keep the file readable by Vigil only. Never logged.
            public var password: String?
            /// `helo`: the name Vigil gives in EHLO (localhost).
            public var helo = "localhost"
            /// `ca_file`: PEM file of the CA that signed the server's certificate (system roots when nil).
            public var caFile: String?
            /// `timeout_seconds` per SMTP command (30).
            public var timeoutSeconds = 30

            /// Defaults: e-mail off.
            public init() {}
        }

        /// `enabled`: `vigil serve` composes and delivers notices (true).
        public var enabled = true
        /// `round_seconds`: how often notices are composed and the outbox worked (60).
        public var roundSeconds = 60
        /// `first_lookback_days`: how far back the first notice of a new organisation reaches (7).
        public var firstLookbackDays = 7
        /// `include_client_addresses`: keep the address of a client in an organisation's network
        /// in clear, so its notice names the host (true). Other clients stay pseudonymised.
        public var includeClientAddresses = true
        /// `max_attempts` before a notice is failed for good (8).
        public var maxAttempts = 8
        /// `retry_base_seconds`: the first retry waits this long, each next one twice as long (60).
        public var retryBaseSeconds = 60
        /// `webhook_timeout_seconds` (10).
        public var webhookTimeoutSeconds = 10
        /// `from`: the sender of notice e-mails.
        public var from = "CERT <cert@localhost>"
        /// `smtp:` subsection.
        public var smtp = SMTP()

        /// Vigil's defaults.
        public init() {}

        /// Reads the section, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            enabled = mapping.bool("enabled") ?? enabled
            roundSeconds = mapping.int("round_seconds", in: 1...86_400) ?? roundSeconds
            firstLookbackDays = mapping.int("first_lookback_days", in: 0...365) ?? firstLookbackDays
            includeClientAddresses = mapping.bool("include_client_addresses") ?? includeClientAddresses
            maxAttempts = mapping.int("max_attempts", in: 1...100) ?? maxAttempts
            retryBaseSeconds = mapping.int("retry_base_seconds", in: 1...86_400) ?? retryBaseSeconds
            webhookTimeoutSeconds = mapping.int("webhook_timeout_seconds", in: 1...600) ?? webhookTimeoutSeconds
            from = mapping.string("from") ?? from
            smtp = mapping.section("smtp") { smtp in
                var section = SMTP()
                section.host = smtp.optional("host") { $0 }
                section.port = smtp.int("port", in: 1...65_535) ?? section.port
                section.security = smtp.oneOf("security", Security.self) ?? section.security
                section.username = smtp.optional("username") { $0 }
                section.password = smtp.optional("password") { $0 }
                section.helo = smtp.string("helo") ?? section.helo
                section.caFile = smtp.optional("ca_file") { $0 }
                section.timeoutSeconds = smtp.int("timeout_seconds", in: 1...600) ?? section.timeoutSeconds
                return section
            }
        }
    }
}
