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

/// Parses `rank,domain`; ranks above `limit` are skipped.
func parseTopSitesLine(_ line: Substring, limit: Int) -> TopSitesLine {
    var rest = line[...]
    while let first = rest.first, first == " " || first == "\t" { rest = rest.dropFirst() }
    if rest.isEmpty || rest.first == "#" { return .skip }
    guard let comma = rest.firstIndex(of: ",") else { return .problem("expected rank,domain") }
    let rankText = rest[..<comma].trimmingBlanks()
    guard !rankText.isEmpty, rankText.utf8.count <= 18, rankText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
          let rank = Int(rankText), rank >= 1
    else { return .problem("rank must be a whole number from 1") }
    if rank > limit { return .skip }
    var domainText = rest[rest.index(after: comma)...]
    if let next = domainText.firstIndex(of: ",") { domainText = domainText[..<next] }
    domainText = domainText.trimmingBlanks()
    if domainText.isEmpty { return .problem("missing domain") }
    do {
        return .entry(try DomainName(parsing: String(domainText)))
    } catch {
        return .problem("invalid domain: \(error.reason)")
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
