import ArgumentParser
import VigilServices
import VigilStore

/// `vigil allowlist add|list|remove`: the operator's own never-act list.
struct AllowlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allowlist", abstract: "The operator's allowlist (never act on these).",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an IP, CIDR, domain or *.domain.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The entry.") var entry: String
        @Option(help: "Why.") var comment = ""

        func run() async throws {
            let added = try await withServices(global) { services in
                try await services.warningLists.allow(entry, comment: comment, by: try await acting.principal(in: services))
            }
            try global.output(added) { "Allowlisted \(added.entry)" }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the allowlist.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let entries = try await withServices(global) { services in
                try await services.warningLists.allowlist(for: try await acting.principal(in: services))
            }
            try global.output(entries) { entries.map { "\($0.entry)\t\($0.createdBy)\t\($0.comment)" }.joined(separator: "\n") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an entry.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The entry.") var entry: String

        func run() async throws {
            try await withServices(global) { services in
                try await services.warningLists.disallow(entry, by: try await acting.principal(in: services))
            }
            try global.output(["removed": entry]) { "Removed \(entry)" }
        }
    }
}
