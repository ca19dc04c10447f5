import ArgumentParser
import Foundation
import VigilCore
import VigilServices
import VigilStore

/// `vigil order create|list|show|ack|complete|reject|escalate|stats`: mitigation orders.
struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "Mitigation orders with deadlines (analysts issue, operators answer).",
        subcommands: [Create.self, List.self, Show.self, Acknowledge.self, Complete.self, Reject.self, Escalate.self, Stats.self])

    /// An order as the CLI prints it.
    struct View: Encodable {
        struct Answer: Encodable { let organisation: String; let status: String; let note: String }
        let id: String, reference: String, action: String, tlp: String, deadline: String, resources: [String]
        let addressees: [Answer]

        init(_ order: OrderRecord) {
            id = order.id
            reference = order.reference
            action = order.action.rawValue
            tlp = order.tlp.rawValue
            deadline = ISO8601DateFormatter().string(from: Clock.date(order.deadline))
            resources = order.resources.map(\.value)
            addressees = order.addressees.map { Answer(organisation: $0.organisationID, status: $0.status.rawValue, note: $0.note) }
        }

        var text: String {
            let answers = addressees.map { "  \($0.organisation): \($0.status)\($0.note.isEmpty ? "" : " — \($0.note)")" }
            return (["\(id)  \(reference)  \(action) by \(deadline)  TLP:\(tlp)  \(resources.count) resource(s)"] + answers)
                .joined(separator: "\n")
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an order.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "The CERT's reference, e.g. a case number.") var reference: String
        @Option(help: "Action: \(OrderAction.allCases.map(\.rawValue).joined(separator: ", ")).") var action: String
        @Option(help: "Deadline, RFC 3339 (e.g. 2026-12-01T12:00:00Z).") var deadline: String
        @Option(name: .customLong("to"), help: "Addressee organisation, by name or id (repeatable).") var addressees: [String]
        @Option(help: "A resource: name, address, URL… (repeatable).") var resource: [String] = []
        @Option(help: "A stored indicator's id (repeatable).") var indicator: [String] = []
        @Option(help: "The legal basis, as text.") var legalBasis = ""
        @Option(help: "TLP of the order.") var tlp = "AMBER"

        func run() async throws {
            guard let action = OrderAction(rawValue: action) else {
                throw ValidationError("unknown action \(action); expected \(OrderAction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let deadline = ISO8601DateFormatter().date(from: deadline) else {
                throw ValidationError("--deadline \(deadline) is not an RFC 3339 time such as 2026-12-01T12:00:00Z")
            }
            let level = try TLP(parsing: tlp)
            let order = try await withServices(global) { services in
                try await services.orders.create(
                    NewOrder(reference: reference, action: action, legalBasis: legalBasis, tlp: level, deadline: deadline,
                             addressees: addressees, resources: resource, indicatorIDs: indicator),
                    by: try await acting.principal(in: services))
            }
            let view = View(order)
            try global.output(view) { view.text }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the orders you may see, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let views = try await withServices(global) { services in
                try await services.orders.list(for: try await acting.principal(in: services)).map(View.init)
            }
            try global.output(views) { views.map(\.text).joined(separator: "\n") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one order.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The order's id.") var id: String

        func run() async throws {
            let view = try await withServices(global) { services in
                View(try await services.orders.get(id, for: try await acting.principal(in: services)))
            }
            try global.output(view) { view.text }
        }
    }

    struct Acknowledge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an order (its operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The order's id.") var id: String

        func run() async throws { try await answer(global, acting, id, .acknowledged, note: "") }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Complete an order with evidence (its operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The order's id.") var id: String
        @Option(help: "What was done, when.") var evidence: String

        func run() async throws { try await answer(global, acting, id, .completed, note: evidence) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject an order with a reason (its operator).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The order's id.") var id: String
        @Option(help: "Why.") var reason: String

        func run() async throws { try await answer(global, acting, id, .rejected, note: reason) }
    }

    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Escalate overdue orders now (vigil serve does it every minute).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Act as if it were this time (RFC 3339).") var at: String?

        func run() async throws {
            let now = try at.map { text -> Int64 in
                guard let date = ISO8601DateFormatter().date(from: text) else { throw ValidationError("--at \(text) is not RFC 3339") }
                return Int64(date.timeIntervalSince1970 * 1000)
            } ?? Clock.nowMillis()
            let count = try await withServices(global) { services in
                try await services.orders.escalateOverdue(now: now, by: try await acting.principal(in: services))
            }
            try global.output(["escalated": count]) { "Escalated \(count) overdue answer(s)" }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per operator: orders, completed, escalated, median hours to complete.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let stats = try await withServices(global) { services in
                try await services.orders.statistics(for: try await acting.principal(in: services))
            }
            try global.output(stats) {
                stats.map {
                    "\($0.organisation)\torders \($0.orders)\tcompleted \($0.completed)\trejected \($0.rejected)\topen \($0.open)\tescalated \($0.escalated)\tmedian \($0.medianHoursToComplete.map { String(format: "%.1f h", $0) } ?? "—")"
                }.joined(separator: "\n")
            }
        }
    }
}

/// Records an operator's answer and prints the order as that operator sees it.
private func answer(_ global: GlobalOptions, _ acting: ActingUser, _ id: String, _ status: OrderStatus, note: String) async throws {
    let view = try await withServices(global) { services in
        OrderCommand.View(try await services.orders.answer(id, with: status, note: note, by: try await acting.principal(in: services)))
    }
    try global.output(view) { view.text }
}
