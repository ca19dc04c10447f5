import Foundation
import VigilCore
import VigilServices
import VigilStore

extension Resources {
    /// An order as the API shows it.
    struct Order: Codable, Sendable {
        struct Addressee: Codable, Sendable {
            let organisation_id: String, status: String, updated_at: String?, acknowledged_at: String?
            let completed_at: String?, escalated_at: String?, note: String
        }

        let id: String, reference: String, action: String, legal_basis: String, tlp: String, deadline: String?
        let issuer_organisation_id: String, created_by: String, created_at: String?
        let resources: [OrderResource], addressees: [Addressee]

        init(_ record: OrderRecord) {
            id = record.id
            reference = record.reference
            action = record.action.rawValue
            legal_basis = record.legalBasis
            tlp = record.tlp.rawValue
            deadline = time(record.deadline)
            issuer_organisation_id = record.issuerOrganisationID
            created_by = record.createdBy
            created_at = time(record.createdAt)
            resources = record.resources
            addressees = record.addressees.map {
                Addressee(organisation_id: $0.organisationID, status: $0.status.rawValue, updated_at: time($0.updatedAt),
                          acknowledged_at: time($0.acknowledgedAt), completed_at: time($0.completedAt),
                          escalated_at: time($0.escalatedAt), note: $0.note)
            }
        }
    }

    /// A new order: `deadline` in RFC 3339, addressees by organisation id or name.
    struct NewOrder: Codable, Sendable {
        let reference: String, action: String, legal_basis: String?, tlp: String?, deadline: String
        let addressees: [String], resources: [String]?, indicator_ids: [String]?

        func newOrder() throws -> VigilServices.NewOrder {
            guard let action = OrderAction(rawValue: action) else {
                throw ServiceError.invalid(field: "action", message: "one of \(OrderAction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let deadline = try Resources.date(rfc3339: deadline, field: "deadline")
            let level: TLP
            do { level = try tlp.map { try TLP(parsing: $0) } ?? .amber } catch {
                throw ServiceError.invalid(field: "tlp", message: "\(error)")
            }
            return VigilServices.NewOrder(
                reference: reference, action: action, legalBasis: legal_basis ?? "", tlp: level, deadline: deadline,
                addressees: addressees, resources: resources ?? [], indicatorIDs: indicator_ids ?? [])
        }
    }

    /// An operator's answer: `evidence` to complete, `reason` to reject, nothing to acknowledge.
    struct OrderAnswer: Codable, Sendable {
        let evidence: String?, reason: String?
    }

    /// One operator's handling of orders.
    struct OrderStatistics: Codable, Sendable {
        let organisation_id: String, organisation: String, orders: Int, completed: Int, rejected: Int, open: Int
        let escalated: Int, overdue_now: Int, median_hours_to_complete: Double?

        init(_ stats: VigilServices.OrderStatistics) {
            organisation_id = stats.organisationID
            organisation = stats.organisation
            orders = stats.orders
            completed = stats.completed
            rejected = stats.rejected
            open = stats.open
            escalated = stats.escalated
            overdue_now = stats.overdueNow
            median_hours_to_complete = stats.medianHoursToComplete
        }
    }
}
