import Foundation
import SQLKit
import VigilCore

/// Orders and their addressees.
public struct OrderStore: Sendable {
    private let db: any SQLDatabase

    /// A store on `db`.
    public init(_ db: any SQLDatabase) { self.db = db }

    /// Stores a new order with its addressees.
    public func insert(_ order: OrderRecord) async throws {
        let resources = String(decoding: try JSONEncoder().encode(order.resources), as: UTF8.self)
        try await db.insert(into: "orders")
            .columns("id", "reference", "action", "legal_basis", "tlp", "deadline", "issuer_org", "created_by",
                     "created_at", "resources")
            .values(SQLBind(order.id), SQLBind(order.reference), SQLBind(order.action.rawValue), SQLBind(order.legalBasis),
                    SQLBind(order.tlp.rawValue), SQLBind(order.deadline), SQLBind(order.issuerOrganisationID),
                    SQLBind(order.createdBy), SQLBind(order.createdAt), SQLBind(resources))
            .run()
        for addressee in order.addressees {
            try await db.insert(into: "order_addressees")
                .columns("order_id", "organisation_id", "status", "updated_at")
                .values(SQLBind(order.id), SQLBind(addressee.organisationID), SQLBind(addressee.status.rawValue),
                        SQLBind(addressee.updatedAt))
                .run()
        }
    }

    /// One order; with `organisationID`, only if that organisation is an addressee, and with only
    /// its own addressee row.
    public func find(id: String, addressee organisationID: String? = nil) async throws -> OrderRecord? {
        guard let row = try await db.select().columns("*").from("orders").where("id", .equal, id).first() else { return nil }
        var order = try Self.record(row)
        order.addressees = try await addressees(orderIDs: [id], organisationID: organisationID)[id] ?? []
        if organisationID != nil, order.addressees.isEmpty { return nil }
        return order
    }

    /// Orders newest first; with `organisationID`, those addressed to it, each with only its row.
    public func list(addressee organisationID: String? = nil, limit: Int = 500) async throws -> [OrderRecord] {
        var sql: SQLQueryString = "SELECT o.* FROM orders o"
        if let organisationID {
            sql.appendInterpolation(unsafeRaw: " WHERE EXISTS (SELECT 1 FROM order_addressees a WHERE a.order_id = o.id AND a.organisation_id = ")
            sql.appendInterpolation(bind: organisationID)
            sql.appendInterpolation(unsafeRaw: ")")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY o.created_at DESC, o.id DESC LIMIT \(limit)")
        var orders = try await db.raw(sql).all().map(Self.record)
        let rows = try await addressees(orderIDs: orders.map(\.id), organisationID: organisationID)
        for index in orders.indices { orders[index].addressees = rows[orders[index].id] ?? [] }
        return orders
    }

    /// Moves one addressee to `status`, stamping the matching time and keeping `note`.
    public func update(orderID: String, organisationID: String, to status: OrderStatus, note: String?, at time: Int64) async throws {
        var update = db.update("order_addressees").set("status", to: status.rawValue).set("updated_at", to: time)
        switch status {
        case .acknowledged: update = update.set("acknowledged_at", to: time)
        case .completed, .rejected: update = update.set("completed_at", to: time)
        case .escalated: update = update.set("escalated_at", to: time)
        case .issued: break
        }
        if let note { update = update.set("note", to: note) }
        try await update.where("order_id", .equal, orderID).where("organisation_id", .equal, organisationID).run()
    }

    /// Open addressee rows (issued or acknowledged) whose deadline passed before `now`.
    public func overdue(at now: Int64) async throws -> [(orderID: String, organisationID: String)] {
        try await db.raw("""
            SELECT a.order_id, a.organisation_id FROM order_addressees a JOIN orders o ON o.id = a.order_id
            WHERE a.status IN (\(bind: OrderStatus.issued.rawValue), \(bind: OrderStatus.acknowledged.rawValue))
            AND o.deadline < \(bind: now) ORDER BY a.order_id, a.organisation_id
            """).all().map { (try $0.string("order_id"), try $0.string("organisation_id")) }
    }

    /// Every addressee row with its order's creation time and deadline, for statistics.
    public func answers() async throws -> [(addressee: OrderAddresseeRecord, createdAt: Int64, deadline: Int64)] {
        try await db.raw("""
            SELECT a.*, o.created_at AS order_created_at, o.deadline AS order_deadline
            FROM order_addressees a JOIN orders o ON o.id = a.order_id
            """).all().map { row in
            (try Self.addressee(row), try row.int64("order_created_at"), try row.int64("order_deadline"))
        }
    }

    private func addressees(orderIDs: [String], organisationID: String?) async throws -> [String: [OrderAddresseeRecord]] {
        guard !orderIDs.isEmpty else { return [:] }
        var sql: SQLQueryString = "SELECT * FROM order_addressees WHERE order_id IN (\(db.list(orderIDs)))"
        if let organisationID {
            sql.appendInterpolation(unsafeRaw: " AND organisation_id = ")
            sql.appendInterpolation(bind: organisationID)
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY organisation_id")
        var result: [String: [OrderAddresseeRecord]] = [:]
        for row in try await db.raw(sql).all() {
            result[try row.string("order_id"), default: []].append(try Self.addressee(row))
        }
        return result
    }

    static func record(_ row: any SQLRow) throws -> OrderRecord {
        let resources = try JSONDecoder().decode([OrderResource].self, from: Data(try row.string("resources").utf8))
        return OrderRecord(
            id: try row.string("id"), reference: try row.string("reference"),
            action: try row.enumValue("action", table: "orders", as: OrderAction.self),
            legalBasis: try row.string("legal_basis"), tlp: try row.enumValue("tlp", table: "orders", as: TLP.self),
            deadline: try row.int64("deadline"), issuerOrganisationID: try row.string("issuer_org"),
            createdBy: try row.string("created_by"), createdAt: try row.int64("created_at"), resources: resources,
            addressees: [])
    }

    static func addressee(_ row: any SQLRow) throws -> OrderAddresseeRecord {
        OrderAddresseeRecord(
            organisationID: try row.string("organisation_id"),
            status: try row.enumValue("status", table: "order_addressees", as: OrderStatus.self),
            updatedAt: try row.int64("updated_at"), acknowledgedAt: try row.optionalInt64("acknowledged_at"),
            completedAt: try row.optionalInt64("completed_at"), escalatedAt: try row.optionalInt64("escalated_at"),
            note: try row.string("note"))
    }
}
