import ArgumentParser
import Foundation
import VigilCore
import VigilServices

/// `vigil export --partner P [--format stix|misp-feed] [--out PATH] [--dry-run]` and
/// `vigil export approve --partner P`: what a partner receives, through the cross-border gate.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export to a partner (STIX 2.1 bundle or MISP feed) through its profile and the gate.",
        subcommands: [Run.self, Approve.self], defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Write the export, or with --dry-run show what would leave and what was removed and why.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "The partner (an organisation under sharing.partners).") var partner: String
        @Option(help: "stix, misp-feed or misp-event.") var format = "stix"
        @Option(help: "Output file (stix, misp-event) or directory (misp-feed).") var out: String?
        @Flag(help: "Show what would leave; send and record nothing.") var dryRun = false

        func run() async throws {
            guard let format = SharingService.Format(rawValue: format) else {
                throw ValidationError("--format \(format): stix, misp-feed or misp-event")
            }
            let plan = try await withServices(global) { services in
                if dryRun { return try await services.sharing.plan(partner: partner) }
                guard let out else { throw ValidationError("--out is required unless --dry-run") }
                return try await services.sharing.export(
                    partner: partner, format: format, to: out, by: try await acting.principal(in: services))
            }
            try global.output(plan) { ExportCommand.describe(plan, dryRun: dryRun) }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let today's export to a partner through the volume hold.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "The partner.") var partner: String

        func run() async throws {
            let plan = try await withServices(global) { services in
                try await services.sharing.approve(partner: partner, by: try await acting.principal(in: services))
            }
            try global.output(plan) { "Approved \(plan.objects) objects for \(partner) today" }
        }
    }

    static func describe(_ plan: SharingPlan, dryRun: Bool) -> String {
        var lines = [
            "\(dryRun ? "Would send" : "Sent") to \(plan.partner) (\(plan.jurisdiction.isEmpty ? "no jurisdiction" : plan.jurisdiction), "
                + "\(plan.abroad ? "abroad: the gate applies" : "home")): \(plan.indicators) indicators (\(plan.revoked) revoked), "
                + "\(plan.sightings) sightings",
        ]
        if plan.held { lines.append("HELD: \(plan.holdReason ?? "")") }
        for removal in plan.removed {
            lines.append("removed \(removal.count): \(removal.reason) (e.g. \(removal.examples.joined(separator: ", ")))")
        }
        return lines.joined(separator: "\n")
    }
}
