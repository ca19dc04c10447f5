import VigilCore

extension WarningList {
    /// The name of the top-sites list.
    public static let topSitesName = "top-sites"

    /// A top-sites list from a CSV file the operator provides, in the Tranco format
    /// (also used by Cisco Umbrella and Cloudflare Radar exports): one `rank,domain` line
    /// per site, no header, ranks from 1, e.g. `1,google.com`.
    ///
    /// Keeps the sites ranked 1…`limit` (by the rank column, so the file need not be
    /// sorted). Each becomes an exact domain entry, and the list matches `www.` + each
    /// name too (`Options.wwwVariants`): `google.com` and `www.google.com` are suppressed,
    /// `mail.google.com` and `evil.sites.google.com` are not. E-mail addresses are not
    /// checked against it (a webmail address is a real mailbox; see `Options.emailDomains`).
    ///
    /// Blank lines and `#` comment lines are skipped; columns after the domain are
    /// ignored. A line with a bad rank or a bad
    /// domain is a problem reported with its line number; ranks above `limit` are not
    /// examined further. Throws `WarningListError` listing every problem (with the list
    /// of the good lines), or with no valid entry at all when `limit` is less than 1.
    public static func topSites(
        csv: String, limit: Int, name: String = topSitesName,
        description: String? = nil
    ) throws(WarningListError) -> WarningList {
        var entries: [Entry] = []
        var problems: [WarningListProblem] = []
        if limit < 1 {
            problems.append(WarningListProblem(line: 0, text: String(limit), reason: "limit must be at least 1"))
        } else {
            entries.reserveCapacity(min(limit, 1 << 20))
            forEachLine(in: csv) { number, line in
                switch parseTopSitesLine(line, limit: limit) {
                case .skip: break
                case .entry(let domain): entries.append(.domain(domain))
                case .problem(let reason):
                    problems.append(WarningListProblem(line: number, text: line, reason: reason))
                }
            }
        }
        let list = WarningList(
            name: name,
            description: description ?? "The \(limit) most popular sites (operator-provided ranking), exact names and www.",
            entries: entries, options: [.wwwVariants])
        if !problems.isEmpty { throw WarningListError(list: name, problems: problems, validEntries: list) }
        return list
    }
}

/// What one line of a top-sites CSV yields.
enum TopSitesLine {
    case skip
    case entry(DomainName)
    case problem(String)
}

/// Parses `rank,domain`; ranks above `limit` are skipped. Works on the UTF-8 bytes
/// (character-level `Substring` operations cost more than the domain parse).
func parseTopSitesLine(_ line: Substring, limit: Int) -> TopSitesLine {
    let u = line.utf8
    var i = u.startIndex
    while i < u.endIndex && (u[i] == 0x20 || u[i] == 0x09) { i = u.index(after: i) }
    if i == u.endIndex || u[i] == 0x23 { return .skip }
    var rank = 0
    var digits = 0
    while i < u.endIndex, u[i] &- 0x30 < 10 {
        if digits == 18 { return .problem("rank must be a whole number from 1") }
        rank = rank * 10 + Int(u[i] &- 0x30)
        digits += 1
        i = u.index(after: i)
    }
    while i < u.endIndex && (u[i] == 0x20 || u[i] == 0x09) { i = u.index(after: i) }
    if i == u.endIndex || u[i] != 0x2C {
        return digits > 0 && i == u.endIndex ? .problem("expected rank,domain") : .problem("rank must be a whole number from 1")
    }
    if digits == 0 || rank < 1 { return .problem("rank must be a whole number from 1") }
    if rank > limit { return .skip }
    i = u.index(after: i)
    var end = i
    while end < u.endIndex && u[end] != 0x2C { end = u.index(after: end) }
    while i < end && (u[i] == 0x20 || u[i] == 0x09) { i = u.index(after: i) }
    while end > i, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
    if i == end { return .problem("missing domain") }
    do {
        return .entry(try DomainName(parsing: String(Substring(u[i..<end]))))
    } catch {
        return .problem("invalid domain: \(error.reason)")
    }
}
