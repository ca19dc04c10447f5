import VigilCore

/// A "never act" list (SPEC C1): values that must not reach a blocklist or an order,
/// such as special-purpose address ranges, reserved names, public resolvers, big CDNs,
/// the most popular sites and the operator's own allowlist.
///
/// An indicator that hits a list is kept but suppressed with the list's name (see
/// `WarningListSet.check(_:)`). Lists are built in code, parsed from a simple text form
/// (`init(name:description:parsing:)`), from a Tranco-style CSV (`topSites(csv:limit:)`)
/// or from the operator's raw entries (`allowlist(_:)`).
public struct WarningList: Sendable, Hashable {
    /// The list's name, stored with every suppressed indicator, e.g. `iana-special-ipv4`.
    public let name: String
    /// One sentence saying what the list holds and why.
    public let description: String
    /// The entries, in the order given. A repeated entry is harmless (the compiled set
    /// holds each network and name once).
    public let entries: [Entry]
    /// How the entries are applied.
    public let options: Options

    /// How a list's entries are applied beyond the plain rules of `WarningListSet.check(_:)`.
    public struct Options: OptionSet, Sendable, Hashable {
        /// The raw bits.
        public let rawValue: Int
        /// Creates options from raw bits.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// E-mail addresses are checked against this list's domain entries too.
        ///
        /// Off by default: an address at a popular webmail or hosting domain is a real,
        /// blockable mailbox (`phisher@gmail.com`), and suppressing it because `gmail.com`
        /// is a top site would lose exactly the indicators mail filters need. On for the
        /// reserved-name lists (no real mailbox lives under `.invalid` or `.example`) and
        /// for the operator's allowlist (its own domains).
        public static let emailDomains = Options(rawValue: 1 << 0)

        /// Every exact domain entry also matches `www.` + that name, exactly. Used by
        /// top-sites lists, which name `google.com` but mean the web site as well.
        public static let wwwVariants = Options(rawValue: 1 << 1)
    }

    /// One entry of a list.
    public enum Entry: Sendable, Hashable, CustomStringConvertible {
        /// An IPv4 network; a single address is a /32.
        case ipv4(IPv4Network)
        /// An IPv6 network; a single address is a /128.
        case ipv6(IPv6Network)
        /// Exactly this name, not the names below it.
        case domain(DomainName)
        /// This name and every name below it, at label boundaries. May be a single label
        /// (a top-level domain such as `test`).
        case domainSuffix(DomainName)

        /// Parses the text form of one entry:
        /// - an IPv4 or IPv6 address, or a network in CIDR notation (host bits are cleared),
        /// - a domain name (exact match), in any case, internationalised or punycode,
        /// - `*.name` (or `.name`) for the name and everything below it.
        ///
        /// Surrounding blanks and a `#` comment are ignored. URLs and e-mail addresses are
        /// refused with a reason saying what to list instead. IPv6 entries apply to IPv6
        /// values: list an IPv4 address as a dotted quad, not as `::ffff:a.b.c.d`.
        public init(parsing raw: some StringProtocol) throws(WarningListEntryError) {
            let text = String(entryText(ofLine: Substring(raw)))
            if text.contains("://") {
                throw WarningListEntryError("URLs cannot be listed; list the host name or address")
            }
            if text.contains("@") {
                throw WarningListEntryError("e-mail addresses cannot be listed; list the domain")
            }
            do {
                if text.hasPrefix("*.") || text.hasPrefix(".") {
                    guard case .domainSuffix(let name) = try IndicatorValue(parsing: text, as: .domainSuffix).parsed
                    else { throw WarningListEntryError("not a domain suffix") }
                    self = .domainSuffix(name)
                } else if text.contains(":") {
                    self = text.contains("/")
                        ? .ipv6(try IPv6Network(parsing: text))
                        : .ipv6(IPv6Network(address: try IPv6Address(parsing: text), prefixLength: 128)!)
                } else if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2F }) {
                    self = text.contains("/")
                        ? .ipv4(try IPv4Network(parsing: text))
                        : .ipv4(IPv4Network(address: try IPv4Address(parsing: text), prefixLength: 32)!)
                } else {
                    self = .domain(try DomainName(parsing: text))
                }
            } catch let error as IndicatorParseError {
                throw WarningListEntryError("invalid \(error.type?.rawValue ?? "entry"): \(error.reason)")
            } catch let error as WarningListEntryError {
                throw error
            } catch {
                throw WarningListEntryError("\(error)")
            }
        }

        /// The text form: an address for a /32 or /128, CIDR notation for other networks,
        /// the canonical name, or `*.name` for a suffix. Parses back to the same entry.
        public var description: String {
            switch self {
            case .ipv4(let n): n.prefixLength == 32 ? n.address.canonical : n.canonical
            case .ipv6(let n): n.prefixLength == 128 ? n.address.canonical : n.canonical
            case .domain(let d): d.canonical
            case .domainSuffix(let d): "*." + d.canonical
            }
        }
    }

    /// A list built in code.
    public init(name: String, description: String, entries: [Entry], options: Options = []) {
        self.name = name
        self.description = description
        self.entries = entries
        self.options = options
    }

    /// Parses the text form: one entry per line (see `Entry(parsing:)`), `#` starts a
    /// comment (whole line or after an entry), blank lines are ignored, `\r\n` is fine.
    ///
    /// Throws `WarningListError` listing every bad line with its number and reason (the
    /// error also carries the list of the good lines).
    public init(name: String, description: String, parsing text: String, options: Options = [])
        throws(WarningListError)
    {
        var entries: [Entry] = []
        var problems: [WarningListProblem] = []
        forEachLine(in: text) { number, line in
            let item = entryText(ofLine: line)
            if item.isEmpty { return }
            do throws(WarningListEntryError) { entries.append(try Entry(parsing: item)) } catch {
                problems.append(WarningListProblem(line: number, text: item, reason: error.reason))
            }
        }
        self.init(name: name, description: description, entries: entries, options: options)
        if !problems.isEmpty { throw WarningListError(list: name, problems: problems, validEntries: self) }
    }

    /// The operator's own allowlist from raw entries as kept by the store, the API or the
    /// CLI (one entry per string, in the text form of `Entry(parsing:)`; surrounding
    /// blanks and `#` comments are allowed, empty strings ignored). E-mail addresses are
    /// checked against its domains (`Options.emailDomains`): they are the operator's own.
    ///
    /// Throws `WarningListError` listing every bad entry; `line` is the 1-based position
    /// in `entries`.
    public static func allowlist(
        _ entries: [String], name: String = "allowlist",
        description: String = "The operator's own allowlist: values that must never be blocked."
    ) throws(WarningListError) -> WarningList {
        var parsed: [Entry] = []
        var problems: [WarningListProblem] = []
        for (i, raw) in entries.enumerated() {
            let item = entryText(ofLine: Substring(raw))
            if item.isEmpty { continue }
            if item.contains("\n") {
                problems.append(WarningListProblem(line: i + 1, text: item, reason: "one entry per string"))
                continue
            }
            do { parsed.append(try Entry(parsing: item)) } catch {
                problems.append(WarningListProblem(line: i + 1, text: item, reason: error.reason))
            }
        }
        let list = WarningList(name: name, description: description, entries: parsed, options: [.emailDomains])
        if !problems.isEmpty { throw WarningListError(list: name, problems: problems, validEntries: list) }
        return list
    }

    /// The list in its text form: a `#` header with the name and description, then one
    /// entry per line. `init(name:description:parsing:)` reads it back.
    public var text: String {
        var out = "# \(name): \(description)\n"
        for entry in entries { out += entry.description + "\n" }
        return out
    }
}

/// Why one warning-list entry was refused.
public struct WarningListEntryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reason, e.g. `invalid domain: label too long`.
    public let reason: String

    /// Creates an error.
    public init(_ reason: String) { self.reason = reason }

    /// Same as `reason`.
    public var description: String { reason }
}
