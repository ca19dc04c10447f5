import Foundation
import Hummingbird
import VigilCore
import VigilFormats
import VigilServices
import VigilStore

/// JSON shapes of the API. Times are RFC 3339 strings; keys are snake_case.
enum Resources {
    /// An RFC 3339 time sent as `field`; a 422 naming the field otherwise.
    static func date(rfc3339 text: String, field: String) throws -> Date {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = ISO8601DateFormatter().date(from: text) ?? fractional.date(from: text) else {
            throw ServiceError.invalid(field: field, message: "an RFC 3339 time such as 2026-12-01T12:00:00Z")
        }
        return date
    }

    /// The query parameter `name` as an RFC 3339 time in Unix milliseconds (nil when absent).
    static func millis(query name: String, of request: Request) throws -> Int64? {
        try request.query(name).map { Int64(try date(rfc3339: $0, field: name).timeIntervalSince1970 * 1000) }
    }

    static func time(_ millis: Int64?) -> String? {
        millis.map { CivilDate.rfc3339(millis: $0) }
    }

    struct Indicator: Codable, Sendable {
        let id: String, type: String, value: String, tlp: String, threat_type: String, status: String
        let confidence: Int, owner_organisation_id: String, constituency_organisation_id: String?
        let description: String, first_seen: String?, last_seen: String?, valid_until: String?
        let created_at: String?, updated_at: String?, tags: [String], recipients: [String], suppressed_by: String?

        init(_ record: IndicatorRecord) {
            id = record.id
            type = record.type.rawValue
            value = record.value
            tlp = record.tlp.rawValue
            threat_type = record.threatType.rawValue
            status = record.status.rawValue
            confidence = record.confidence
            owner_organisation_id = record.ownerOrganisationID
            constituency_organisation_id = record.constituencyOrganisationID
            description = record.description
            first_seen = time(record.firstSeen)
            last_seen = time(record.lastSeen)
            valid_until = time(record.validUntil)
            created_at = time(record.createdAt)
            updated_at = time(record.updatedAt)
            tags = record.tags
            recipients = record.recipientOrganisationIDs
            suppressed_by = record.suppressedBy
        }
    }

    struct IndicatorPage: Codable, Sendable {
        let items: [Indicator]
        let next_cursor: String?
    }

    struct Provenance: Codable, Sendable {
        let source_id: String, first_seen: String?, last_seen: String?, times_seen: Int, item_id: String?
    }

    struct History: Codable, Sendable {
        let at: String?, actor: String, change: String, details: String
    }

    struct IndicatorDetail: Codable, Sendable {
        let indicator: Indicator
        let provenance: [Provenance]
        let history: [History]
        let sightings: SightingSummary

        init(_ detail: VigilServices.IndicatorDetail, sightings: SightingStore.Summary) {
            self.sightings = SightingSummary(sightings)
            indicator = Indicator(detail.indicator)
            provenance = detail.provenance.map {
                Provenance(source_id: $0.sourceID, first_seen: time($0.firstSeen), last_seen: time($0.lastSeen),
                           times_seen: $0.timesSeen, item_id: $0.itemID)
            }
            history = detail.history.map { History(at: time($0.at), actor: $0.actor, change: $0.change, details: $0.details) }
        }
    }

    struct User: Codable, Sendable {
        let id: String, username: String, display_name: String, organisation_id: String, role: String
        let language: String, disabled: Bool

        init(_ view: UserView) {
            id = view.id
            username = view.username
            display_name = view.displayName
            organisation_id = view.organisationID
            role = view.role.rawValue
            language = view.language
            disabled = view.disabled
        }
    }

    struct NewUser: Codable, Sendable {
        let username: String, password: String, organisation_id: String, role: Role
        let display_name: String?, language: String?
    }


    struct NewOrganisation: Codable, Sendable {
        let name: String, country: String?
    }

    struct Token: Codable, Sendable {
        let id: String, name: String, created_at: String?, expires_at: String?, revoked_at: String?
        let last_used_at: String?

        init(_ record: TokenRecord) {
            id = record.id
            name = record.name
            created_at = time(record.createdAt)
            expires_at = time(record.expiresAt)
            revoked_at = time(record.revokedAt)
            last_used_at = time(record.lastUsedAt)
        }
    }

    struct NewToken: Codable, Sendable {
        let name: String, ttl_days: Int?
    }

    struct CreatedToken: Codable, Sendable {
        let token: Token
        /// The secret, shown once.
        let secret: String
    }

    struct Revocation: Codable, Sendable {
        let reason: String
    }

    struct UploadAnswer: Codable, Sendable {
        /// The page of the import report.
        let report: String
        let run: ImportRun
    }

    struct TLPChange: Codable, Sendable {
        let tlp: String, reason: String?
    }

    struct AuditEntry: Codable, Sendable {
        let seq: Int64, at: String?, actor: String, action: String, target: String, details: String
        let prev_hash: String, hash: String

        init(_ record: AuditRecord) {
            seq = record.seq
            at = time(record.at)
            actor = record.actor
            action = record.action
            target = record.target
            details = record.details
            prev_hash = record.prevHash
            hash = record.hash
        }
    }

    struct AuditVerification: Codable, Sendable {
        let intact: Bool, checked: Int, problems: [String]
    }

    struct Health: Codable, Sendable {
        let status: String, database: String?
    }

    struct Source: Codable, Sendable {
        let id: String, name: String, collector: String, format: String, location: String, options: [String: String]
        let schedule_seconds: Int?, organisation_id: String, reliability: Int, default_tlp: String, threat_type: String
        let tags: [String], max_bytes: Int, enabled: Bool, last_run_at: String?

        init(_ record: SourceRecord) {
            id = record.id
            name = record.name
            collector = record.kind
            format = record.format
            location = record.location
            options = record.options
            schedule_seconds = record.scheduleSeconds
            organisation_id = record.organisationID
            reliability = record.reliability
            default_tlp = record.defaultTLP.rawValue
            threat_type = record.threatType.rawValue
            tags = record.tags
            max_bytes = record.maxBytes
            enabled = record.enabled
            last_run_at = time(record.lastRunAt)
        }
    }

    struct ImportRun: Codable, Sendable {
        let id: String, source_id: String, status: String, actor: String, started_at: String?, finished_at: String?
        let lines_read: Int, new: Int, updated: Int, unchanged: Int, suppressed: Int, rejected: Int, message: String

        init(_ run: ImportRunRecord) {
            id = run.id
            source_id = run.sourceID
            status = run.status.rawValue
            actor = run.actor
            started_at = time(run.startedAt)
            finished_at = time(run.finishedAt)
            lines_read = run.linesRead
            new = run.new
            updated = run.updated
            unchanged = run.unchanged
            suppressed = run.suppressed
            rejected = run.rejected
            message = run.message
        }
    }

    struct Rejection: Codable, Sendable {
        let line: Int?, object_id: String?, field: String?, reason: String

        init(_ record: ImportRejectionRecord) {
            line = record.line
            object_id = record.objectID
            field = record.field
            reason = record.reason
        }
    }

    struct PushItem: Codable, Sendable {
        let index: Int, status: String, indicator_id: String?, suppressed_by: String?, field: String?, error: String?

        init(index: Int, outcome: ItemOutcome?, rejection: FeedRejection?) {
            self.index = index
            status = rejection != nil ? "rejected" : (outcome?.status.rawValue ?? "skipped")
            indicator_id = outcome?.indicatorID
            suppressed_by = outcome?.suppressedBy
            field = rejection?.field
            error = rejection?.reason
        }
    }

    struct PushReport: Codable, Sendable {
        let run: ImportRun
        let items: [PushItem]
    }

    struct AllowlistEntry: Codable, Sendable {
        let entry: String, comment: String, created_by: String, created_at: String?

        init(_ record: AllowlistStore.Entry) {
            entry = record.entry
            comment = record.comment
            created_by = record.createdBy
            created_at = time(record.createdAt)
        }
    }

    struct NewAllowlistEntry: Codable, Sendable {
        let entry: String, comment: String?
    }
}
