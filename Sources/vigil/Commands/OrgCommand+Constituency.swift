import ArgumentParser
import Foundation
import VigilCore
import VigilServices
import VigilStore

extension OrgCommand {
    /// `vigil org import FILE`: organisations with their networks, domains, ASes and contacts.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update organisations from CSV or JSON (bad rows are reported with line and field).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The file (- for standard input).") var file: String
        @Option(help: "csv or json (default: by the first character).") var format: String?

        func run() async throws {
            let data = file == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile()) : try readFile(file)
            let report = try await withServices(global) { services in
                let principal = try await acting.principal(in: services)
                guard principal.role == .admin else { throw ServiceError.forbidden("only administrators import organisations") }
                return try await services.constituency.importOrganisations(data, format: format, actor: principal.username)
            }
            try global.output(report) {
                (["Created \(report.created), updated \(report.updated), \(report.problems.count) rejected; \(report.remapped) indicators changed owner"]
                    + report.problems.map { "\(file): \($0)" }).joined(separator: "\n")
            }
            if !report.problems.isEmpty { throw ExitCode(1) }
        }
    }

    /// `vigil org show NAME|ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an organisation with what it holds.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Name or id.") var organisation: String

        func run() async throws {
            let found = try await withServices(global) { services in
                let principal = try await acting.principal(in: services)
                let id = try await OrganisationStore(services.database.sql).find(name: organisation)?.id ?? organisation
                return try await services.constituency.find(id: id, for: principal)
            }
            struct Shown: Encodable { let organisation: OrganisationRecord; let resources: OrganisationResources }
            try global.output(Shown(organisation: found.record, resources: found.resources)) {
                let r = found.resources
                return """
                    \(found.record.name) (\(found.record.id)) \(found.record.country) \(found.record.sector) \
                    language \(found.record.language) notices \(found.record.noticePeriod)
                    ASes: \(r.asns.joined(separator: " "))
                    prefixes: \(r.prefixes.joined(separator: " "))
                    domains: \(r.domains.joined(separator: " "))
                    contacts: \(r.contacts.joined(separator: " "))
                    webhook: \(found.record.webhookURL.isEmpty ? "none" : found.record.webhookURL)
                    """
            }
        }
    }

    /// `vigil org routing-table FILE`: CAIDA pfx2as, so an organisation's AS covers its prefixes.
    struct RoutingTable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "routing-table", abstract: "Replace the prefix-to-AS table (CAIDA pfx2as text).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The file.") var file: String

        func run() async throws {
            let data = try readFile(file)
            let result = try await withServices(global) { services in
                let principal = try await acting.principal(in: services)
                guard principal.role == .admin else { throw ServiceError.forbidden("only administrators import the routing table") }
                return try await services.constituency.importRoutingTable(data, actor: principal.username)
            }
            struct Report: Encodable { let routes: Int; let problems: [String]; let remapped: Int }
            try global.output(Report(routes: result.routes, problems: result.problems, remapped: result.remapped)) {
                (["\(result.routes) routes; \(result.problems.count) lines rejected; \(result.remapped) indicators changed owner"]
                    + result.problems.prefix(50).map { "\(file): \($0)" }).joined(separator: "\n")
            }
        }
    }
}

/// The bytes of `path`, or an error naming it.
func readFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("\(path): cannot read the file")
    }
    return Array(data)
}
