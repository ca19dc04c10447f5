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
        let recipient: SQLQueryString = """
            EXISTS (SELECT 1 FROM indicator_recipients r WHERE r.indicator_id = indicators.id \
            AND r.organisation_id = \(bind: org))
            """
        let sharing: SQLQueryString = """
            EXISTS (SELECT 1 FROM organisation_sharing s WHERE s.organisation_id = indicators.owner_org \
            AND s.partner_id = \(bind: org))
            """
        var condition: SQLQueryString = """
            (indicators.tlp IN ('CLEAR', 'GREEN') \
            OR (indicators.tlp = 'AMBER' AND (indicators.owner_org = \(bind: org) OR \(recipient) OR \(sharing))) \
            OR (indicators.tlp = 'AMBER+STRICT' AND indicators.owner_org = \(bind: org)) \
            OR (indicators.tlp = 'RED' AND (indicators.owner_org = \(bind: org) OR \(recipient))))
            """
        if principal.role.isConstituencyScoped {
            condition = """
                \(condition) AND (indicators.owner_org = \(bind: org) OR indicators.constituency_org = \(bind: org))
                """
        }
        return condition
    }
}
