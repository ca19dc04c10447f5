import Foundation
import VigilCore
import VigilFormats
import VigilStore

/// Turns one organisation's events of one period into its notices: an e-mail to its abuse
/// contacts and a signed JSON document for its webhook, each rendered once, in its language.
public struct NoticeComposer: Sendable {
    public typealias Event = NoticeEventStore.Event

    /// Events listed in the e-mail's text; all of them are in the CSV attachment.
    static let eventsInBody = 20

    let templates: NoticeTemplates
    /// The sender's display name, named in the texts.
    let sender: String

    /// A composer with the shipped templates, naming `sender` in the texts.
    public init(sender: String) throws {
        self.init(templates: try NoticeTemplates(), sender: sender)
    }

    init(templates: NoticeTemplates, sender: String) {
        self.templates = templates
        self.sender = sender
    }

    /// The notices for `organisation` (nothing when it has neither contacts nor a webhook).
    public func notices(
        for organisation: OrganisationRecord, contacts: [String], period: Range<Int64>, events: [Event], now: Int64
    ) throws -> [NoticeRecord] {
        guard !events.isEmpty else { return [] }
        // Sightings before listings, the busiest first.
        let events = events.sorted { a, b in
            if a.kind != b.kind { return a.kind == .sighting }
            if a.count != b.count { return a.count > b.count }
            return a.indicatorValue < b.indicatorValue
        }
        let tlp = events.map(\.tlp).max() ?? .clear
        let csv = Self.csv(events)
        var notices: [NoticeRecord] = []
        func notice(_ channel: NoticeChannel, recipients: String, subject: String, body: String, attachment: String) {
            notices.append(NoticeRecord(
                id: Self.id(organisation.id, channel, period.lowerBound), organisationID: organisation.id, channel: channel,
                periodStart: period.lowerBound, periodEnd: period.upperBound, language: organisation.language,
                recipients: recipients, subject: subject, body: body, attachment: attachment, eventCount: events.count,
                createdAt: now))
        }
        let context = self.context(organisation, period: period, events: events, tlp: tlp,
                                   noticeID: Self.id(organisation.id, .email, period.lowerBound))
        let (subject, body) = templates.render(context, language: organisation.language)
        if !contacts.isEmpty {
            notice(.email, recipients: contacts.joined(separator: ","), subject: subject, body: body, attachment: csv)
        }
        if !organisation.webhookURL.isEmpty {
            let payload = WebhookPayload(
                notice_id: Self.id(organisation.id, .webhook, period.lowerBound),
                organisation: .init(id: organisation.id, name: organisation.name),
                period_start: Self.timestamp(period.lowerBound), period_end: Self.timestamp(period.upperBound),
                tlp: tlp.rawValue, language: organisation.language.rawValue, subject: subject,
                events: events.map(WebhookPayload.Event.init))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            notice(.webhook, recipients: organisation.webhookURL, subject: subject,
                   body: String(decoding: try encoder.encode(payload), as: UTF8.self), attachment: "")
        }
        return notices
    }

    /// A notice's id: the same organisation, channel and period always give the same id, so a
    /// composition repeated after a crash cannot queue a second notice.
    static func id(_ organisationID: String, _ channel: NoticeChannel, _ start: Int64) -> String {
        "ntc-\(organisationID)-\(channel.rawValue)-\(start)"
    }

    private func context(
        _ organisation: OrganisationRecord, period: Range<Int64>, events: [Event], tlp: TLP, noticeID: String
    ) -> [String: Any] {
        let sightings = events.filter { $0.kind == .sighting }.count
        let listings = events.count - sightings
        let zh = organisation.language == .zh
        // The event table is written here, not by a mustache section: a section costs a dynamic
        // cast per value, which made rendering most of the time of building 20,000 notices.
        let (host, times) = zh ? ("主机", " 次") : ("host", "×")
        let table = events.prefix(Self.eventsInBody).map { event in
            let kind = zh ? (event.kind == .sighting ? "观测" : "列入") : event.kind.rawValue
            let client = event.client.isEmpty ? "" : "  \(host) \(event.client)"
            return "\(kind)  \(event.indicatorType) \(event.indicatorValue)  \(event.threatType)\(client)  \(event.count)\(times)  \(Self.timestamp(event.firstSeen))"
        }.joined(separator: "\n")
        var context: [String: Any] = [
            "sender": sender, "organisation": organisation.name,
            "period": "\(Self.timestamp(period.lowerBound)) – \(Self.timestamp(period.upperBound))",
            "event_count": events.count, "one_event": events.count == 1, "tlp": tlp.rawValue,
            "events": table, "attachment_name": Self.attachmentName(period.lowerBound), "notice_id": noticeID,
        ]
        if sightings > 0 { context["sighting_count"] = sightings; context["one_sighting"] = sightings == 1 }
        if listings > 0 { context["listing_count"] = listings; context["one_listing"] = listings == 1 }
        if events.count > Self.eventsInBody { context["more"] = events.count - Self.eventsInBody }
        return context
    }

    /// The attachment's file name for a period starting at `start`.
    static func attachmentName(_ start: Int64) -> String {
        "vigil-events-\(timestamp(start).prefix(16).replacingOccurrences(of: ":", with: "")).csv"
    }

    static func csv(_ events: [Event]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 * (events.count + 1))
        bytes += Array("kind,recorded_at,first_seen,last_seen,indicator_type,indicator,threat_type,tlp,observer,client,count\r\n".utf8)
        for e in events {
            func field(_ text: String) {
                CSVFields.append(text, to: &bytes)
                bytes.append(0x2C)
            }
            field(e.kind.rawValue)
            for time in [e.recordedAt, e.firstSeen, e.lastSeen] {
                CivilDate.appendRFC3339(millis: time, to: &bytes)
                bytes.append(0x2C)
            }
            field(e.indicatorType); field(e.indicatorValue); field(e.threatType); field(e.tlp.rawValue); field(e.observer)
            field(e.client)
            bytes += String(e.count).utf8
            bytes += [0x0D, 0x0A]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 3339 UTC, seconds.
    static func timestamp(_ millis: Int64) -> String { CivilDate.rfc3339(millis: millis) }
}

/// The JSON a webhook receives (field names are the contract, hence snake case).
struct WebhookPayload: Codable, Sendable {
    struct Organisation: Codable, Sendable {
        var id: String
        var name: String
    }

    struct Event: Codable, Sendable {
        var kind: String
        var indicator_type: String
        var indicator: String
        var threat_type: String
        var tlp: String
        var observer: String
        var client: String
        var count: Int64
        var first_seen: String
        var last_seen: String

        init(_ event: NoticeEventStore.Event) {
            kind = event.kind.rawValue
            indicator_type = event.indicatorType
            indicator = event.indicatorValue
            threat_type = event.threatType
            tlp = event.tlp.rawValue
            observer = event.observer
            client = event.client
            count = event.count
            first_seen = NoticeComposer.timestamp(event.firstSeen)
            last_seen = NoticeComposer.timestamp(event.lastSeen)
        }
    }

    var notice_id: String
    var organisation: Organisation
    var period_start: String
    var period_end: String
    var tlp: String
    var language: String
    var subject: String
    var events: [Event]
}
