extension VigilConfiguration {
    /// A commented `vigil.yaml` listing every key with its default, written by `vigil init`.
    /// Parsing it gives ``default``.
    public static var sampleYAML: String {
        let d = VigilConfiguration.default
        func range(_ r: ClosedRange<Int>) -> String { "\(r.lowerBound)…\(r.upperBound)" }
        let levels = LogLevel.allCases.map(\.rawValue).joined(separator: ", ")
        return """
            # Vigil configuration.
            #
            # Every key is optional; the values below are the defaults. Unknown keys are
            # errors. Environment variables override this file:
            #   VIGIL_DATA          data_dir
            #   VIGIL_DATABASE_URL  database.url
            #   VIGIL_LISTEN        server.listen
            #   VIGIL_LOG_LEVEL     log.level
            #   VIGIL_LOG_FORMAT    log.format
            #   VIGIL_BCRYPT_COST   auth.bcrypt_cost

            # Directory for the SQLite database and other files; relative paths are
            # relative to the working directory.
            data_dir: \(d.dataDir)

            database:
              # sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE.
              # Empty: sqlite:<data_dir>/vigil.sqlite.
              url:
              # Connections kept open (\(range(Database.poolSizeRange))).
              pool_size: \(d.database.poolSize)

            server:
              # HOST:PORT to listen on; IPv6 in brackets, e.g. "[::1]:8080".
              # Use 0.0.0.0:PORT to listen on all interfaces.
              listen: "\(d.server.listen)"
              # Largest request body accepted, in bytes (\(range(Server.maxBodyBytesRange))).
              max_body_bytes: \(d.server.maxBodyBytes)
              # Time allowed for one request, in seconds (\(range(Server.requestTimeoutRange))).
              request_timeout_seconds: \(d.server.requestTimeoutSeconds)
              # Base URL people and partners use to reach this server, for links,
              # e.g. https://vigil.cert.example. Empty: http://<listen>.
              public_url:

            auth:
              # bcrypt work factor for password hashes (\(range(Auth.bcryptCostRange))).
              bcrypt_cost: \(d.auth.bcryptCost)
              # Lifetime of a web session, in minutes (\(range(Auth.sessionTTLRange))).
              session_ttl_minutes: \(d.auth.sessionTTLMinutes)
              # Lifetime of a new API token unless given, in days (\(range(Auth.tokenTTLRange))).
              token_default_ttl_days: \(d.auth.tokenDefaultTTLDays)
              # Failed logins allowed per account within login_window_seconds.
              login_max_failures: \(d.auth.loginMaxFailures)
              login_window_seconds: \(d.auth.loginWindowSeconds)
              # Mark session cookies Secure; set to true when served over HTTPS.
              cookie_secure: \(d.auth.cookieSecure)

            warning_lists:
              # Built-in never-act lists to switch off (all apply by default): iana-special-ipv4,
              # iana-special-ipv6, iana-documentation, reserved-tlds, reserved-tlds-documentation, public-resolvers,
              # cdn-and-cloud. A hit keeps the indicator but suppresses it.
              exclude: []
              # A Tranco-style "rank,domain" CSV of popular sites never to act on. Empty: none.
              top_sites_csv:
              # How many ranks of that file to use.
              top_sites_limit: \(d.warningLists.topSitesLimit)

            # Feed sources defined here are created or updated in the store whenever Vigil opens it.
            # Keys per source: name, format, collector (file, folder, http, stdin, push), location,
            # options (format settings, e.g. value_column), schedule_seconds, reliability (0-100),
            # default_tlp, threat_type, tags, max_bytes, enabled, organisation. Example:
            #   - name: urlhaus
            #     format: urlhaus-csv
            #     location: /var/lib/vigil/feeds/urlhaus.csv
            #     schedule_seconds: 3600
            #     reliability: 85
            #     default_tlp: GREEN
            sources: []

            # Blocklists for resolvers and firewalls, served at /feeds/NAME.rpz|nft|txt|csv and written by
            # `vigil blocklist render`. Keys: name, types, threat_types (empty: all), min_confidence
            # (default 50), max_tlp (default GREEN), sources, tags, action (nxdomain, nodata, passthru,
            # sinkhole:NAME), operators (organisation names that may fetch it; empty: all operators).
            # Suppressed, expired, revoked and false-positive indicators never appear. Example:
            #   - name: malware-dns
            #     types: [domain, domain-suffix]
            #     threat_types: [malware-distribution, c2, phishing]
            #     min_confidence: 60
            #     action: nxdomain
            blocklists: []

            zone_transfer:
              # DNS address (TCP and UDP) serving every blocklist's RPZ zone, NAME.rpz.vigil., by AXFR and
              # IXFR, e.g. 127.0.0.1:5353. Empty: no zone transfer.
              listen:
              # Seconds between rebuilds that look for changes (appeals and allowlist changes rebuild at once).
              check_seconds: \(d.zoneTransfer.checkSeconds)
              # Who may transfer: address (address or CIDR), organisation (only that operator's lists; empty:
              # all lists), notify (HOST:PORT to send NOTIFY on a change). Nobody by default. Example:
              #   - address: 127.0.0.1
              #     organisation: Example Resolver Operator
              #     notify: 127.0.0.1:5301
              secondaries: []

            matching:
              # Store client addresses of sightings as a keyed HMAC (key in DATA_DIR/client-pseudonym.key)
              # instead of in clear: they are personal data.
              pseudonymise_clients: \(d.matching.pseudonymiseClients)
              # Days each raw hit (with its file and line) is kept; hourly counts stay. 0: none kept.
              raw_hit_retention_days: \(d.matching.rawHitRetentionDays)
              # Seconds between checks for changed indicators to recompile the matcher (SIGHUP and
              # POST /api/v1/matcher/reload recompile at once).
              reload_check_seconds: \(d.matching.reloadCheckSeconds)
              # Scanning threads of vigil match. Empty: one per core.
              threads:

            # Telemetry vigil serve matches as it arrives; each hit is a sighting of the sensor's name.
            # name, format (unbound, bind, zeek-dns, zeek-conn, flow-csv, squid, zeek-http), and one of
            # file (followed across rotations, resumed after a restart) or syslog (loopback HOST:PORT,
            # UDP and TCP, RFC 3164 and 5424); columns for flow-csv. Example:
            #   - name: resolver-1
            #     format: unbound
            #     file: /var/log/unbound/unbound.log
            sensors: []

            # Notices to the constituency: the sightings in each organisation's networks and the
            # indicators naming its resources, aggregated per its notice period (immediate, hourly,
            # daily), in its language, by e-mail to its abuse contacts and to its webhook.
            notices:
              # Compose and deliver notices in vigil serve.
              enabled: \(d.notices.enabled)
              # Seconds between rounds of composing notices and working the outbox.
              round_seconds: \(d.notices.roundSeconds)
              # How far back the first notice of a newly added organisation reaches.
              first_lookback_days: \(d.notices.firstLookbackDays)
              # Keep the address of a client inside an organisation's network in clear, so its notice
              # names the host; other clients stay pseudonymised.
              include_client_addresses: \(d.notices.includeClientAddresses)
              # Attempts before a notice is failed for good; the first retry waits retry_base_seconds,
              # each next one twice as long.
              max_attempts: \(d.notices.maxAttempts)
              retry_base_seconds: \(d.notices.retryBaseSeconds)
              webhook_timeout_seconds: \(d.notices.webhookTimeoutSeconds)
              # Sender of notice e-mails.
              from: "\(d.notices.from)"
              smtp:
                # Mail server; empty: e-mail off (e-mail notices wait in the outbox).
                host:
                port: \(d.notices.smtp.port)
                # none, starttls (when offered) or starttls-required
                security: \(d.notices.smtp.security.rawValue)
                # AUTH credentials (keep this file readable by Vigil's user only).
                username:
                password:
                helo: \(d.notices.smtp.helo)
                # PEM file of the CA of the server's certificate; empty: the system's roots.
                ca_file:
                timeout_seconds: \(d.notices.smtp.timeoutSeconds)

            # Partners (other CERTs) and what each may receive. Partners outside home_jurisdiction pass
            # the cross-border gate: client addresses of sightings and victims' e-mail addresses are
            # removed unless personal_data is true (they are personal data, and leaving the
            # jurisdiction needs a legal basis); an export of more than hold_above objects a day waits
            # for an analyst's approval (a partner should not receive a whole database by mistake).
            # TLP:RED never leaves. Example:
            #   - organisation: CERT Testland     # its users have the partner role
            #     jurisdiction: XB
            #     transport: taxii                # taxii or misp-feed
            #     max_tlp: AMBER
            #     indicator_types: []             # empty: all; the same for the next three
            #     threat_types: []
            #     tags: []
            #     sources: []
            #     personal_data: false
            #     hold_above: 10000
            sharing:
              # The country whose law the CERT works under; empty: every partner counts as abroad.
              home_jurisdiction: ""
              # The author exports name (STIX identity, MISP Orgc).
              producer: \(d.sharing.producer)
              # Seconds between publications of new object versions to the TAXII collections.
              taxii_publish_seconds: \(d.sharing.taxiiPublishSeconds)
              partners: []

            log:
              # \(levels)
              level: \(d.log.level.rawValue)
              # text (for people) or json (for log collectors)
              format: \(d.log.format.rawValue)

            """
    }
}
