import Foundation
import Logging
import VigilCore
import VigilStore

/// Notices to the constituency (SPEC C5): each round composes, per organisation and period, the
/// sightings in its networks and the indicators naming its resources into one e-mail and one
/// webhook document, queued in the outbox in the same transaction that advances the
/// organisation's mark; then delivers what is due, with retries and backoff.
public final class NoticeService: Sendable {
    /// What composing did.
    public struct ComposeReport: Sendable, Codable, Equatable {
        /// Notices queued.
        public var notices = 0
        /// Events they carry.
        public var events = 0
        /// Events an organisation would get but has neither contacts nor a webhook for.
        public var undeliverable = 0
        /// Events TLP kept out of a notice.
        public var withheld = 0
    }

    /// What delivering did.
    public struct DeliveryReport: Sendable, Codable, Equatable {
        /// Accepted by the server.
        public var sent = 0
        /// Queued again for a later attempt.
        public var retrying = 0
        /// Failed for good.
        public var failed = 0
        /// Possibly delivered: the server stopped answering while accepting an e-mail.
        public var unconfirmed = 0
    }

    let database: VigilDatabase
    let settings: VigilConfiguration.Notices
    let composer: NoticeComposer
    let webhooks: WebhookSender
    let mail: MailSender?
    let logger: Logger

    /// The service; templates load here, so a broken one stops the start.
    public init(database: VigilDatabase, settings: VigilConfiguration.Notices, logger: Logger = Logger(label: "vigil.notices")) throws {
        self.database = database
        self.settings = settings
        self.logger = logger
        let from = MailSender.parseAddress(settings.from)
        composer = NoticeComposer(templates: try NoticeTemplates(), sender: from.name ?? from.address)
        webhooks = WebhookSender(timeoutSeconds: Int64(settings.webhookTimeoutSeconds))
        mail = settings.smtp.host.map { _ in MailSender(settings: settings) }
    }

    // MARK: Composing

    /// Composes every organisation's finished periods up to `now`.
    @discardableResult
    public func compose(now: Int64 = Clock.nowMillis()) async throws -> ComposeReport {
        let organisations = try await OrganisationStore(database.sql).all()
        let marks = try await NoticeStore(database.sql).composedUntil()
        let lookbackStart = now - Int64(settings.firstLookbackDays) * 86_400_000
        var ranges: [String: Range<Int64>] = [:]
        for organisation in organisations {
            let mark = marks[organisation.id] ?? lookbackStart
            let end = organisation.noticePeriod == .immediate ? now : organisation.noticePeriod.window(containing: now).lowerBound
            if end > mark { ranges[organisation.id] = mark..<end }
        }
        guard let from = ranges.values.map(\.lowerBound).min() else { return ComposeReport() }
        let events = try await NoticeEventStore(database.sql).sightings(recordedFrom: from, to: now)
            + NoticeEventStore(database.sql).listings(createdFrom: from, to: now)
        let guarded = Set(events.filter { $0.tlp == .amber || $0.tlp == .red }.map(\.indicatorID))
        let recipients = try await NoticeEventStore(database.sql).recipients(of: guarded)
        let partners = try await OrganisationStore(database.sql).allPartners()
        var byOrganisation: [String: [NoticeEventStore.Event]] = [:]
        var report = ComposeReport()
        for event in events {
            guard let range = ranges[event.organisationID], range.contains(event.recordedAt) else { continue }
            let visibility = Visibility(
                tlp: event.tlp, ownerOrganisationID: event.ownerOrganisationID,
                recipientOrganisationIDs: recipients[event.indicatorID] ?? [])
            guard AccessRule.tlpAllows(visibility, organisationID: event.organisationID,
                                       ownerSharesWith: partners[event.ownerOrganisationID] ?? []) else {
                report.withheld += 1
                continue
            }
            byOrganisation[event.organisationID, default: []].append(event)
        }
        var notices: [NoticeRecord] = []
        let contacts = try await OrganisationStore(database.sql).allContacts()
        for organisation in organisations {
            guard let range = ranges[organisation.id], let own = byOrganisation[organisation.id] else { continue }
            let periods: [Range<Int64>: [NoticeEventStore.Event]] = organisation.noticePeriod == .immediate
                ? [range: own]
                : Dictionary(grouping: own) { organisation.noticePeriod.window(containing: $0.recordedAt) }
            for (period, events) in periods {
                let composed = try composer.notices(
                    for: organisation, contacts: contacts[organisation.id] ?? [], period: period, events: events, now: now)
                if composed.isEmpty { report.undeliverable += events.count } else { report.events += events.count }
                notices += composed
            }
        }
        let queued = notices, newMarks = ranges.mapValues(\.upperBound)
        try await database.transaction { db in
            try await NoticeStore(db).insert(queued)
            try await NoticeStore(db).setComposedUntil(newMarks)
        }
        report.notices = notices.count
        if report.undeliverable > 0 {
            logger.warning("events for organisations without contacts or webhook", metadata: ["events": "\(report.undeliverable)"])
        }
        return report
    }
}
