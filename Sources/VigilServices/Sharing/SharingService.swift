import Foundation
import VigilCore
import VigilFormats
import VigilStore

/// Sharing with partners (SPEC C7): what each partner's profile lets through, the cross-border
/// gate in front of partners abroad, dry runs that show exactly what would leave and what was
/// removed and why, approvals of held exports, and every release audited.
public final class SharingService: Sendable {
    /// Export formats.
    public enum Format: String, Sendable, CaseIterable {
        /// One STIX 2.1 bundle.
        case stix
        /// A MISP feed directory (manifest.json, hashes.csv, one file per event).
        case mispFeed = "misp-feed"
        /// One MISP event JSON file holding every attribute.
        case mispEvent = "misp-event"
    }

    /// One thing an export carries.
    enum Item {
        case indicator(IndicatorRecord, revoked: Bool, sources: [String])
        case sighting(SightingStore.Shared, tlp: TLP, clients: [String])
    }

    static let pageSize = 5_000
    let database: VigilDatabase
    let settings: VigilConfiguration.Sharing

    /// The service.
    public init(database: VigilDatabase, settings: VigilConfiguration.Sharing) {
        self.database = database
        self.settings = settings
    }

    /// The configured partner called `name` with its organisation id.
    func partner(_ name: String) async throws -> (VigilConfiguration.Partner, String) {
        guard let partner = settings.partner(named: name) else {
            throw ServiceError.notFound("partner \(name) (configure it under sharing.partners)")
        }
        guard let organisation = try await OrganisationStore(database.sql).find(name: name) else {
            throw ServiceError.notFound("organisation \(name) of partner \(name)")
        }
        return (partner, organisation.id)
    }

    /// What an export to `name` would send now, without sending or recording anything.
    public func plan(partner name: String, now: Int64 = Clock.nowMillis()) async throws -> SharingPlan {
        let (partner, organisationID) = try await partner(name)
        return try await gatedPlan(partner, organisationID, now: now)
    }

    /// The partner called `name` and its organisation id, when the gate lets an export to it go
    /// now; a conflict naming the hold otherwise.
    func releasable(_ name: String, now: Int64) async throws -> (VigilConfiguration.Partner, String) {
        let (partner, organisationID) = try await partner(name)
        let plan = try await gatedPlan(partner, organisationID, now: now)
        if plan.held { throw ServiceError.conflict("export to \(name) held: \(plan.holdReason ?? "")") }
        return (partner, organisationID)
    }

    /// Lets today's export to `name` through the volume hold (analysts and administrators), audited.
    public func approve(partner name: String, by principal: Principal, now: Int64 = Clock.nowMillis()) async throws -> SharingPlan {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("only analysts and administrators approve exports") }
        var plan = try await plan(partner: name, now: now)
        let objects = plan.objects
        try await database.transaction { db in
            try await SharingApprovalStore(db).approve(
                partner: name, day: now / 86_400_000, objects: objects, approvedBy: principal.username, at: now)
            try await AuditLog().record(
                actor: principal.username, action: "sharing.approved", target: name,
                details: ["objects": String(objects), "day": String(now / 86_400_000)], on: db)
        }
        plan.held = false
        plan.holdReason = nil
        return plan
    }

    /// Exports to `name` in `format` at `path` (a file for STIX, a directory for a MISP feed),
    /// unless the gate holds it; audited with what left and what was removed.
    public func export(
        partner name: String, format: Format, to path: String, by principal: Principal, now: Int64 = Clock.nowMillis()
    ) async throws -> SharingPlan {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("only analysts and administrators export") }
        let (partner, organisationID) = try await releasable(name, now: now)
        let plan: SharingPlan
        switch format {
        case .stix: plan = try await writeSTIX(partner, organisationID, to: path, now: now)
        case .mispFeed: plan = try await writeMISPFeed(partner, organisationID, to: path, now: now)
        case .mispEvent: plan = try await writeMISPFeed(partner, organisationID, to: path, now: now, singleEvent: true)
        }
        try await database.transaction { [plan] db in
            try await AuditLog().record(
                actor: principal.username, action: "sharing.released", target: name,
                details: ["format": format.rawValue, "indicators": String(plan.indicators), "revoked": String(plan.revoked),
                          "sightings": String(plan.sightings),
                          "removed": plan.removed.map { "\($0.count) \($0.reason)" }.joined(separator: "; ")],
                on: db)
        }
        return plan
    }

    /// Walks what `partner` may receive, page by page, applying the profile and the gate;
    /// `body` gets each item that leaves.
    func visit(
        _ partner: VigilConfiguration.Partner, _ organisationID: String, _ body: (Item) throws -> Void
    ) async throws -> SharingPlan {
        let abroad = settings.homeJurisdiction.isEmpty || partner.jurisdiction != settings.homeJurisdiction
        var plan = SharingPlan(partner: partner.organisation, jurisdiction: partner.jurisdiction, abroad: abroad)
        let filter = SharingFilter(
            maxTLP: partner.maxTLP, types: partner.indicatorTypes, threatTypes: partner.threatTypes, tags: partner.tags,
            sources: partner.sources)
        let gated = abroad && !partner.personalData
        var after = ""
        while true {
            let page = try await IndicatorStore(database.sql).sharingPage(
                organisationID: organisationID, filter: filter, after: after, limit: Self.pageSize)
            var sent: [String: TLP] = [:]
            let sources = try await IndicatorStore(database.sql).sourceNames(of: page.map(\.id))
            for record in page {
                if record.suppressedBy != nil, record.status == .active {
                    plan.remove("on a warning list (\(record.suppressedBy!)): not an indicator to share", record.value)
                    continue
                }
                if gated, record.type == .email, record.tags.contains("victim") {
                    plan.remove("a victim's e-mail address: personal data, and the partner is abroad", record.value)
                    continue
                }
                let revoked = record.status != .active
                try body(.indicator(record, revoked: revoked, sources: sources[record.id] ?? []))
                plan.indicators += 1
                if revoked { plan.revoked += 1 } else { sent[record.id] = record.tlp }
            }
            for sighting in try await SightingStore(database.sql).forSharing(indicatorIDs: Array(sent.keys)) {
                let client = sighting.clientAddress ?? sighting.client
                var clients: [String] = []
                if !client.isEmpty {
                    if gated { plan.remove("a sighting's client address: personal data, and the partner is abroad", client) } else { clients = [client] }
                }
                try body(.sighting(sighting, tlp: sent[sighting.indicatorID]!, clients: clients))
                plan.sightings += 1
            }
            guard let last = page.last, page.count == Self.pageSize else { break }
            after = last.id
        }
        return plan
    }

    /// What the profile and the gate let through to `partner` now, with the volume hold decided.
    private func gatedPlan(_ partner: VigilConfiguration.Partner, _ organisationID: String, now: Int64) async throws -> SharingPlan {
        var plan = try await visit(partner, organisationID) { _ in }
        guard plan.objects > partner.holdAbove else { return plan }
        let approved = try await SharingApprovalStore(database.sql).approvedObjects(partner: partner.organisation, day: now / 86_400_000)
        if let approved, approved >= plan.objects { return plan }
        plan.held = true
        plan.holdReason = "\(plan.objects) objects exceed hold_above \(partner.holdAbove) for \(partner.organisation); an analyst approves with `vigil export approve --partner`"
        return plan
    }
}
