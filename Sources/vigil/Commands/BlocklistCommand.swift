import ArgumentParser
import Foundation
import VigilCore
import VigilFormats
import VigilServices

/// `vigil blocklist list|render`: the lists resolvers and firewalls load.
struct BlocklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocklist", abstract: "Blocklists for resolvers and firewalls (configured under blocklists:).",
        subcommands: [List.self, Render.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the blocklists.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser

        func run() async throws {
            let policies = try await withServices(global) { services in
                try await services.blocklists.policies(for: try await acting.principal(in: services))
            }
            try global.output(policies.map { ["name": $0.name, "action": $0.action.description] }) {
                policies.map { "\($0.name)\t\($0.action)\t\($0.types.map(\.rawValue).sorted().joined(separator: ","))" }
                    .joined(separator: "\n")
            }
        }
    }

    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a blocklist in one format.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The list's name.") var name: String
        @Option(help: "Format: \(BlocklistFormat.allCases.map(\.rawValue).joined(separator: ", ")).") var format: String
        @Option(name: [.short, .customLong("output")], help: "File to write (default: standard output).") var output: String?

        func run() async throws {
            guard let format = BlocklistFormat(rawValue: format) else {
                throw ValidationError("unknown format \(format); expected one of \(BlocklistFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let rendered = try await withServices(global) { services in
                guard let rendered = try await services.blocklists.render(
                    name: name, format: format, for: try await acting.principal(in: services))
                else { throw ServiceError.notFound("blocklist \(name)") }
                return rendered
            }
            if let output {
                try rendered.text.write(toFile: output, atomically: true, encoding: .utf8)
                try global.output(["name": name, "format": format.rawValue, "serial": String(rendered.serial),
                                   "entries": String(rendered.entryCount), "file": output]) {
                    "Wrote \(name) (\(format.rawValue), serial \(rendered.serial), \(rendered.entryCount) entries) to \(output)"
                }
            } else {
                FileHandle.standardOutput.write(Data(rendered.text.utf8))
            }
        }
    }
}
