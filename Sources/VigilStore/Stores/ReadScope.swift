import SQLKit
import VigilCore

/// Who a read is for. Every read in the store takes one; there is no unscoped read.
///
/// `principal` applies `AccessRule` (role, TLP, constituency) as SQL; `system` is for
/// Vigil's own jobs (export to a resolver, expiry) and is never built from a request.
public enum ReadScope: Sendable, Hashable {
    /// Reads on behalf of a logged-in user.
    case principal(Principal)
    /// Reads by Vigil itself.
    case system

    /// The SQL condition on an `indicators` row (aliased `indicators`) that lets this scope see it.
    func indicatorCondition() -> SQLQueryString {
        guard case .principal(let principal) = self else { return "1 = 1" }
        let org = principal.organisationID
        guard principal.role.isConstituencyScoped else { return Self.tlpCondition(organisationID: org) }
        return """
            \(Self.tlpCondition(organisationID: org)) AND (indicators.owner_org = \(bind: org) OR indicators.constituency_org = \(bind: org))
            """
    }

    /// The SQL condition on a `sightings` or `sighting_hits` row (aliased `alias`, joined to its `indicators` row): the
    /// indicator's TLP lets the reader see it, and for operators and constituents the sighting's
    /// client is in their own network (the indicator is usually someone else's, abroad).
    func sightingCondition(alias: String = "s") -> SQLQueryString {
        guard case .principal(let principal) = self else { return "1 = 1" }
        let org = principal.organisationID
        guard principal.role.isConstituencyScoped else { return indicatorCondition() }
        return "\(unsafeRaw: alias).organisation_id = \(bind: org) AND \(Self.tlpCondition(organisationID: org))"
    }

    /// What TLP (with recipients and AMBER sharing) lets `org` read, on an `indicators` row.
    static func tlpCondition(organisationID org: String) -> SQLQueryString {
        let recipient: SQLQueryString = """
            EXISTS (SELECT 1 FROM indicator_recipients r WHERE r.indicator_id = indicators.id \
            AND r.organisation_id = \(bind: org))
            """
        let sharing: SQLQueryString = """
            EXISTS (SELECT 1 FROM organisation_sharing os WHERE os.organisation_id = indicators.owner_org \
            AND os.partner_id = \(bind: org))
            """
        return """
            (indicators.tlp IN ('CLEAR', 'GREEN') \
            OR (indicators.tlp = 'AMBER' AND (indicators.owner_org = \(bind: org) OR \(recipient) OR \(sharing))) \
            OR (indicators.tlp = 'AMBER+STRICT' AND indicators.owner_org = \(bind: org)) \
            OR (indicators.tlp = 'RED' AND (indicators.owner_org = \(bind: org) OR \(recipient))))
            """
    }
}
