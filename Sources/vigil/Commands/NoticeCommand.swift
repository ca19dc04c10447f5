import ArgumentParser
import Foundation
import VigilCore
import VigilServices
import VigilStore

/// `vigil notice list|round|resend`: the outbox of notices to the constituency.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: "Notices to the constituency.", subcommands: [List.self, Round.self, Resend.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List notices, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "queued, sending, committing, sent, failed or unconfirmed.") var status: NoticeStatus?
        @Option(help: "Most notices to list.") var limit = 100

        func run() async throws {
            let notices = try await withServices(global) { services in
                try await services.notices.list(for: try await acting.principal(in: services), status: status, limit: limit)
            }
            struct Row: Encodable { let id, organisation, channel, status, subject, error: String; let events, attempts: Int }
            let rows = notices.map {
                Row(id: $0.id, organisation: $0.organisationID, channel: $0.channel.rawValue, status: $0.status.rawValue,
                    subject: $0.subject, error: $0.lastError, events: $0.eventCount, attempts: $0.attempts)
            }
            try global.output(rows) {
                rows.map { "\($0.id)\t\($0.channel)\t\($0.status)\t\($0.events) events\t\($0.subject)" }.joined(separator: "\n")
            }
        }
    }

    struct Round: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compose due notices and deliver the outbox once.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (composed, delivered) = try await withServices(global) { services in
                try await services.notices.recoverInterrupted()
                try await services.constituency.refresh()
                return (try await services.notices.compose(), try await services.notices.deliver())
            }
            struct Report: Encodable { let composed: NoticeService.ComposeReport; let delivered: NoticeService.DeliveryReport }
            try global.output(Report(composed: composed, delivered: delivered)) {
                """
                Composed \(composed.notices) notices (\(composed.events) events, \(composed.withheld) withheld by TLP, \
                \(composed.undeliverable) without contacts); sent \(delivered.sent), retrying \(delivered.retrying), \
                failed \(delivered.failed), unconfirmed \(delivered.unconfirmed)
                """
            }
        }
    }

    struct Resend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a sent, failed or unconfirmed notice again.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The notice id.") var id: String

        func run() async throws {
            let notice = try await withServices(global) { services in
                try await services.notices.resend(id: id, by: try await acting.principal(in: services))
            }
            try global.output(["id": notice.id, "status": notice.status.rawValue]) { "Queued \(notice.id) again" }
        }
    }
}

extension NoticeStatus: ExpressibleByArgument {}
