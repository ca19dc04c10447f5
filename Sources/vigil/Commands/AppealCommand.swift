import ArgumentParser
import VigilCore
import VigilServices
import VigilStore

/// `vigil appeal list|accept|refuse`: appeals against listings (CERT staff). Appellants use the
/// public API, which needs no account.
struct AppealCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appeal", abstract: "Appeals against listings (CERT staff decide).",
        subcommands: [List.self, Decide.self])

    struct View: Encodable {
        let id: String, resource: String, status: String, contactEmail: String, reason: String, decision: String

        init(_ appeal: AppealStore.Appeal) {
            id = appeal.id
            resource = appeal.resource
            status = appeal.status.rawValue
            contactEmail = appeal.contactEmail
            reason = appeal.reason
            decision = appeal.decision
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List appeals, newest first.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Only this status: received, accepted, refused.") var status: String?

        func run() async throws {
            let wanted = try status.map { raw in
                guard let status = AppealStatus(rawValue: raw) else { throw ValidationError("--status is received, accepted or refused") }
                return status
            }
            let views = try await withServices(global) { services in
                try await services.appeals.list(status: wanted, for: try await acting.principal(in: services)).map(View.init)
            }
            try global.output(views) {
                views.map { "\($0.id)\t\($0.status)\t\($0.resource)\t\($0.contactEmail)\t\($0.reason)" }.joined(separator: "\n")
            }
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide", abstract: "Accept (delist: false-positive and allowlist) or refuse an appeal, with a reason.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The appeal's id.") var id: String
        @Flag(help: "Accept it.") var accept = false
        @Flag(help: "Refuse it.") var refuse = false
        @Option(help: "Why.") var reason: String

        func validate() throws {
            guard accept != refuse else { throw ValidationError("give exactly one of --accept and --refuse") }
        }

        func run() async throws {
            let view = try await withServices(global) { services in
                View(try await services.appeals.decide(id, accept: accept, reason: reason, by: try await acting.principal(in: services)))
            }
            try global.output(view) { "Appeal \(view.id): \(view.status)" }
        }
    }
}
