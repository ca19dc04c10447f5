extension VigilConfiguration {
    /// The `auth:` section: passwords, sessions, API tokens and login throttling.
    public struct Auth: Sendable, Equatable {
        /// Allowed values of ``bcryptCost`` (bcrypt's own limits).
        public static let bcryptCostRange = 4...31
        /// Allowed values of ``sessionTTLMinutes`` (1 minute…30 days).
        public static let sessionTTLRange = 1...43_200
        /// Allowed values of ``tokenDefaultTTLDays`` (1 day…10 years).
        public static let tokenTTLRange = 1...3650
        /// Allowed values of ``loginMaxFailures``.
        public static let loginMaxFailuresRange = 1...1000
        /// Allowed values of ``loginWindowSeconds`` (1 s…1 day).
        public static let loginWindowRange = 1...86_400

        /// `auth.bcrypt_cost`: work factor for password hashes, 4…31 (12).
        public var bcryptCost: Int
        /// `auth.session_ttl_minutes`: idle lifetime of a web session (480 = 8 h).
        public var sessionTTLMinutes: Int
        /// `auth.token_default_ttl_days`: lifetime of a new API token unless given (90).
        public var tokenDefaultTTLDays: Int
        /// `auth.login_max_failures`: failed logins allowed per account and window (5).
        public var loginMaxFailures: Int
        /// `auth.login_window_seconds`: window for counting failed logins (300).
        public var loginWindowSeconds: Int
        /// `auth.cookie_secure`: mark session cookies `Secure` (set when served over HTTPS).
        public var cookieSecure: Bool

        /// Creates the section; the defaults are Vigil's defaults.
        public init(
            bcryptCost: Int = 12,
            sessionTTLMinutes: Int = 480,
            tokenDefaultTTLDays: Int = 90,
            loginMaxFailures: Int = 5,
            loginWindowSeconds: Int = 300,
            cookieSecure: Bool = false
        ) {
            self.bcryptCost = bcryptCost
            self.sessionTTLMinutes = sessionTTLMinutes
            self.tokenDefaultTTLDays = tokenDefaultTTLDays
            self.loginMaxFailures = loginMaxFailures
            self.loginWindowSeconds = loginWindowSeconds
            self.cookieSecure = cookieSecure
        }

        /// Reads the section from `mapping`, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            bcryptCost = mapping.int("bcrypt_cost", in: Self.bcryptCostRange) ?? bcryptCost
            sessionTTLMinutes = mapping.int("session_ttl_minutes", in: Self.sessionTTLRange) ?? sessionTTLMinutes
            tokenDefaultTTLDays = mapping.int("token_default_ttl_days", in: Self.tokenTTLRange) ?? tokenDefaultTTLDays
            loginMaxFailures = mapping.int("login_max_failures", in: Self.loginMaxFailuresRange) ?? loginMaxFailures
            loginWindowSeconds = mapping.int("login_window_seconds", in: Self.loginWindowRange) ?? loginWindowSeconds
            cookieSecure = mapping.bool("cookie_secure") ?? cookieSecure
        }
    }
}
