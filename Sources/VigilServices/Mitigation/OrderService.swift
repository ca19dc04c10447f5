import Foundation
import VigilCore
import VigilMatch
import VigilStore

/// A new order as an analyst writes it.
public struct NewOrder: Sendable {
    /// The CERT's reference, e.g. a case number.
    public var reference: String
    /// What to do.
    public var action: OrderAction
    /// The legal basis, as text.
    public var legalBasis: String
    /// TLP of the order (the addressees always see it).
    public var tlp: TLP
    /// When it must be done.
    public var deadline: Date
    /// Addressee organisations, by id or name.
    public var addressees: [String]
    /// Free-form resources.
    public var resources: [String]
    /// Stored indicators the order is about.
    public var indicatorIDs: [String]

    /// A new order.
    public init(
        reference: String, action: OrderAction, legalBasis: String = "", tlp: TLP = .amber, deadline: Date,
        addressees: [String], resources: [String] = [], indicatorIDs: [String] = []
    ) {
        self.reference = reference
        self.action = action
        self.legalBasis = legalBasis
        self.tlp = tlp
        self.deadline = deadline
        self.addressees = addressees
        self.resources = resources
        self.indicatorIDs = indicatorIDs
    }
}

/// Mitigation orders (SPEC C4): analysts issue them with a deadline; each addressee operator sees
/// only the orders addressed to it and acknowledges, completes with evidence or rejects with a
/// reason; open orders past their deadline escalate. Every step is audited.
public struct OrderService: Sendable {
    /// Largest number of resources in one order.
    public static let maxResources = 10_000

    private let database: VigilDatabase
    private let warningLists: WarningListService

    /// A service over `database`; resources on a warning list are refused.
    public init(database: VigilDatabase, warningLists: WarningListService) {
        self.database = database
        self.warningLists = warningLists
    }

    /// Issues an order (analysts and admins).
    public func create(_ new: NewOrder, by principal: Principal, now: Int64 = Clock.nowMillis()) async throws -> OrderRecord {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot issue orders") }
        let reference = new.reference.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(reference.count) else { throw ServiceError.invalid(field: "reference", message: "1 to 200 characters") }
        guard new.legalBasis.count <= 4_000 else { throw ServiceError.invalid(field: "legal_basis", message: "at most 4,000 characters") }
        let deadline = Int64(new.deadline.timeIntervalSince1970 * 1000)
        guard deadline > now else { throw ServiceError.invalid(field: "deadline", message: "must be in the future") }
        let organisations = try await OrganisationStore(database.sql).all()
        var addressees: [String] = []
        for (index, wanted) in new.addressees.enumerated() {
            guard let organisation = organisations.first(where: { $0.id == wanted || $0.name == wanted }) else {
                throw ServiceError.invalid(field: "addressees[\(index)]", message: "no organisation \"\(wanted.prefix(200))\"")
            }
            if !addressees.contains(organisation.id) { addressees.append(organisation.id) }
        }
        guard !addressees.isEmpty else { throw ServiceError.invalid(field: "addressees", message: "an order needs an addressee") }
        let resources = try await self.resources(new, by: principal)
        let order = OrderRecord(
            id: Secrets.newID(), reference: reference, action: new.action, legalBasis: new.legalBasis, tlp: new.tlp,
            deadline: deadline, issuerOrganisationID: principal.organisationID, createdBy: principal.username,
            createdAt: now, resources: resources,
            addressees: addressees.map { OrderAddresseeRecord(organisationID: $0, updatedAt: now) })
        try await database.transaction { db in
            try await OrderStore(db).insert(order)
            try await AuditLog().record(
                actor: principal.username, action: "order.issued", target: order.id,
                details: ["reference": reference, "action": new.action.rawValue, "addressees": order.addressees.map(\.organisationID).joined(separator: ","),
                          "resources": String(resources.count), "deadline": String(deadline)], on: db)
        }
        return order
    }

    /// The orders `principal` may see: all for CERT staff, those addressed to their organisation
    /// (with only their own answer) for operators, none for others.
    public func list(for principal: Principal) async throws -> [OrderRecord] {
        switch OrderReader(principal) {
        case .staff: return try await OrderStore(database.sql).list()
        case .addressee(let organisationID): return try await OrderStore(database.sql).list(addressee: organisationID)
        case .nobody: return []
        }
    }

    /// One order, as `list` would show it; not found when hidden.
    public func get(_ id: String, for principal: Principal) async throws -> OrderRecord {
        let order: OrderRecord? = switch OrderReader(principal) {
        case .staff: try await OrderStore(database.sql).find(id: id)
        case .addressee(let organisationID): try await OrderStore(database.sql).find(id: id, addressee: organisationID)
        case .nobody: nil
        }
        guard let order else { throw ServiceError.notFound("order \(id)") }
        return order
    }

    /// An operator answers for its organisation: `acknowledged`, `completed` (with evidence) or
    /// `rejected` (with a reason).
    public func answer(_ id: String, with status: OrderStatus, note: String = "", by principal: Principal,
                       now: Int64 = Clock.nowMillis()) async throws -> OrderRecord {
        guard principal.role == .operator else { throw ServiceError.forbidden("only the addressed operator answers an order") }
        guard [.acknowledged, .completed, .rejected].contains(status) else {
            throw ServiceError.invalid(field: "status", message: "an answer is acknowledged, completed or rejected")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if status != .acknowledged, note.isEmpty {
            throw ServiceError.invalid(field: status == .completed ? "evidence" : "reason",
                                       message: status == .completed ? "completion needs evidence" : "a rejection needs a reason")
        }
        guard note.count <= 4_000 else { throw ServiceError.invalid(field: "note", message: "at most 4,000 characters") }
        let organisationID = principal.organisationID
        try await database.transaction { db in
            let store = OrderStore(db)
            guard let current = try await store.find(id: id, addressee: organisationID)?.addressees.first else {
                throw ServiceError.notFound("order \(id)")
            }
            guard current.status.allows(status) else {
                throw ServiceError.conflict("the order is \(current.status.rawValue) for your organisation; it cannot become \(status.rawValue)")
            }
            try await store.update(orderID: id, organisationID: organisationID, to: status,
                                   note: status == .acknowledged ? nil : note, at: now)
            try await AuditLog().record(
                actor: principal.username, action: "order.\(status.rawValue)", target: id,
                details: ["organisation": organisationID, "note": String(note.prefix(500))], on: db)
        }
        return try await get(id, for: principal)
    }

    /// Escalates every open answer whose deadline passed before `now`; returns how many.
    @discardableResult
    public func escalateOverdue(now: Int64 = Clock.nowMillis(), by principal: Principal? = nil) async throws -> Int {
        if let principal, !principal.role.canWriteIndicators {
            throw ServiceError.forbidden("role \(principal.role) cannot escalate orders")
        }
        return try await database.transaction { db in
            let store = OrderStore(db)
            let overdue = try await store.overdue(at: now)
            for item in overdue {
                try await store.update(orderID: item.orderID, organisationID: item.organisationID, to: .escalated, note: nil, at: now)
                try await AuditLog().record(
                    actor: principal?.username ?? "scheduler", action: "order.escalated", target: item.orderID,
                    details: ["organisation": item.organisationID], on: db)
            }
            return overdue.count
        }
    }

    /// Per addressee organisation: orders, completed, rejected, open, escalated, and the median
    /// hours from issue to completion (CERT staff).
    public func statistics(for principal: Principal) async throws -> [OrderStatistics] {
        guard principal.role.canWriteIndicators else { throw ServiceError.forbidden("role \(principal.role) cannot read order statistics") }
        let names = Dictionary(try await OrganisationStore(database.sql).all().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var byOrganisation: [String: [(addressee: OrderAddresseeRecord, createdAt: Int64, deadline: Int64)]] = [:]
        for answer in try await OrderStore(database.sql).answers() {
            byOrganisation[answer.addressee.organisationID, default: []].append(answer)
        }
        return byOrganisation.map { organisationID, answers in
            let hours = answers.compactMap { answer -> Double? in
                guard answer.addressee.status == .completed, let done = answer.addressee.completedAt else { return nil }
                return Double(done - answer.createdAt) / 3_600_000
            }.sorted()
            let median: Double? = hours.isEmpty ? nil : hours.count % 2 == 1
                ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
            return OrderStatistics(
                organisationID: organisationID, organisation: names[organisationID] ?? organisationID, orders: answers.count,
                completed: answers.filter { $0.addressee.status == .completed }.count,
                rejected: answers.filter { $0.addressee.status == .rejected }.count,
                open: answers.filter { $0.addressee.status.isOpen }.count,
                escalated: answers.filter { $0.addressee.escalatedAt != nil }.count,
                overdueNow: answers.filter { $0.addressee.status == .escalated }.count,
                medianHoursToComplete: median)
        }.sorted { $0.organisation < $1.organisation }
    }

    /// The order's resources: the indicators (readable by the issuer, active, not suppressed) and
    /// the free-form values (none of them on a warning list).
    private func resources(_ new: NewOrder, by principal: Principal) async throws -> [OrderResource] {
        guard new.resources.count + new.indicatorIDs.count <= Self.maxResources else {
            throw ServiceError.invalid(field: "resources", message: "at most \(Self.maxResources) resources per order")
        }
        let lists = try await warningLists.current()
        var resources: [OrderResource] = []
        for (index, id) in new.indicatorIDs.enumerated() {
            guard let indicator = try await IndicatorStore(database.sql).find(id: id, scope: .principal(principal)) else {
                throw ServiceError.invalid(field: "indicator_ids[\(index)]", message: "no indicator \(id.prefix(64))")
            }
            if let list = indicator.suppressedBy {
                throw ServiceError.invalid(field: "indicator_ids[\(index)]", message: "\(indicator.value) is suppressed by warning list \(list)")
            }
            guard indicator.status == .active else {
                throw ServiceError.invalid(field: "indicator_ids[\(index)]", message: "\(indicator.value) is \(indicator.status.rawValue)")
            }
            resources.append(OrderResource(value: indicator.value, indicatorID: indicator.id))
        }
        for (index, raw) in new.resources.enumerated() {
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard (1...2_048).contains(text.utf8.count) else {
                throw ServiceError.invalid(field: "resources[\(index)]", message: "1 to 2,048 bytes")
            }
            if let value = try? IndicatorValue(detecting: text), let hit = lists.check(value) {
                throw ServiceError.invalid(field: "resources[\(index)]", message: "\(value.canonical) is on warning list \(hit.list)")
            }
            resources.append(OrderResource(value: text))
        }
        guard !resources.isEmpty else { throw ServiceError.invalid(field: "resources", message: "an order needs a resource") }
        return resources
    }
}

/// Which orders a principal reads.
private enum OrderReader {
    /// CERT staff: every order with every answer.
    case staff
    /// An operator: the orders addressed to its organisation, with only its own answer.
    case addressee(String)
    /// Constituents and partners: none.
    case nobody

    init(_ principal: Principal) {
        switch principal.role {
        case .admin, .analyst: self = .staff
        case .operator: self = .addressee(principal.organisationID)
        case .constituent, .partner: self = .nobody
        }
    }
}

/// How one addressee organisation handles orders.
public struct OrderStatistics: Sendable, Codable, Equatable {
    /// Organisation id.
    public var organisationID: String
    /// Organisation name.
    public var organisation: String
    /// Orders addressed to it.
    public var orders: Int
    /// Completed.
    public var completed: Int
    /// Rejected.
    public var rejected: Int
    /// Still open (issued, acknowledged or escalated).
    public var open: Int
    /// Escalated at some point.
    public var escalated: Int
    /// Escalated and still open now.
    public var overdueNow: Int
    /// Median hours from issue to completion, if any completed.
    public var medianHoursToComplete: Double?
}
