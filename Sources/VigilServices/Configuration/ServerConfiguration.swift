extension VigilConfiguration {
    /// The `server:` section: the HTTP listener of `vigil serve`.
    public struct Server: Sendable, Equatable {
        /// Allowed values of ``maxBodyBytes`` (1 KiB…1 GiB).
        public static let maxBodyBytesRange = 1024...1_073_741_824
        /// Allowed values of ``requestTimeoutSeconds`` (1 s…1 h).
        public static let requestTimeoutRange = 1...3600

        /// `server.listen`: address and port, `127.0.0.1:8080` by default.
        public var listen: ListenAddress
        /// `server.max_body_bytes`: largest request body accepted (10 MiB).
        public var maxBodyBytes: Int
        /// `server.request_timeout_seconds`: time allowed for one request (30).
        public var requestTimeoutSeconds: Int
        /// `server.public_url`: the base URL people and partners use to reach this server
        /// (`https://vigil.cert.example`), for links in mails, feeds and TAXII discovery;
        /// `nil` means `http://<listen>`. Stored without a trailing slash.
        public var publicURL: String?

        /// Creates the section; the defaults are Vigil's defaults.
        public init(
            listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080),
            maxBodyBytes: Int = 10_485_760,
            requestTimeoutSeconds: Int = 30,
            publicURL: String? = nil
        ) {
            self.listen = listen
            self.maxBodyBytes = maxBodyBytes
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.publicURL = publicURL
        }

        /// Host to bind, from ``listen`` (IPv6 without brackets).
        public var host: String { listen.host }
        /// Port to bind, from ``listen``.
        public var port: Int { listen.port }

        /// ``publicURL``, or `http://<listen>` when unset.
        public var resolvedPublicURL: String {
            publicURL ?? "http://\(listen)"
        }

        /// Checks that `url` is an absolute `http://` or `https://` URL with a host and
        /// returns it without a trailing slash.
        public static func validatePublicURL(_ url: String) throws(ConfigurationError.InvalidValue) -> String {
            guard let scheme = ["https://", "http://"].first(where: { url.lowercased().hasPrefix($0) }) else {
                throw .init("\"\(url)\" must start with http:// or https://")
            }
            let rest = url.dropFirst(scheme.count)
            guard let first = rest.first, first != "/", first != ":" else {
                throw .init("\"\(url)\" has no host")
            }
            guard !url.contains(where: { $0.isWhitespace }), !url.contains("?"), !url.contains("#") else {
                throw .init("\"\(url)\" must be a plain base URL (no spaces, query or fragment)")
            }
            var trimmed = Substring(url)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }

        /// Reads the section from `mapping`, keeping defaults for absent keys.
        init(from mapping: ConfigMapping) {
            self.init()
            listen = mapping.parsed("listen") { text throws(ConfigurationError.InvalidValue) in
                try ListenAddress(parsing: text)
            } ?? listen
            maxBodyBytes = mapping.int("max_body_bytes", in: Self.maxBodyBytesRange) ?? maxBodyBytes
            requestTimeoutSeconds = mapping.int("request_timeout_seconds", in: Self.requestTimeoutRange)
                ?? requestTimeoutSeconds
            publicURL = mapping.optional("public_url", Self.validatePublicURL)
        }
    }
}
