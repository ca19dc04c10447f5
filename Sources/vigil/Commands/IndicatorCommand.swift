import ArgumentParser
import Foundation
import VigilCore
import VigilFormats
import VigilServices
import VigilStore

extension IndicatorType: ExpressibleByArgument {}
extension IndicatorStatus: ExpressibleByArgument {}

/// `vigil indicator search|show|add|revoke`.
struct IndicatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator", abstract: "The indicator store.", subcommands: [Search.self, Show.self, Add.self, Revoke.self, Expire.self])

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search indicators visible to the acting user.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Exact value (canonicalised when --type is given).") var value: String?
        @Option(help: "Canonical value prefix.") var prefix: String?
        @Option(help: "Indicator type.") var type: IndicatorType?
        @Option(help: "TLP label.") var tlp: String?
        @Option(help: "Status.") var status: IndicatorStatus?
        @Option(help: "Tag.") var tag: String?
        @Option(help: "Page size (1-1000).") var limit = 50
        @Option(help: "Cursor from the previous page.") var cursor: String?

        struct Result: Encodable { let items: [IndicatorRecord]; let nextCursor: String? }

        func run() async throws {
            var canonical = value
            if let value, let type { canonical = try IndicatorValue(parsing: value, as: type).canonical }
            let query = IndicatorQuery(
                value: canonical, valuePrefix: prefix?.lowercased(), type: type, tlp: try tlp.map { try TLP(parsing: $0) },
                status: status, tag: tag, limit: limit,
                cursor: try cursor.map { token in
                    guard let parsed = IndicatorCursor(token: token) else { throw ValidationError("--cursor: not a cursor from a previous page") }
                    return parsed
                })
            let page = try await withServices(global) { services in
                try await services.indicators.search(query, for: try await acting.principal(in: services))
            }
            try global.output(Result(items: page.items, nextCursor: page.nextCursor?.token)) {
                let lines = page.items.map {
                    "\($0.id)\t\($0.type.rawValue)\t\($0.value)\tTLP:\($0.tlp.rawValue)\t\($0.threatType.rawValue)\t\($0.status.rawValue)"
                }
                return (lines + (page.nextCursor.map { ["next page: --cursor \($0.token)"] } ?? [])).joined(separator: "\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one indicator with provenance and history.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Indicator id.") var id: String

        struct Result: Encodable { let indicator: IndicatorRecord; let provenance: [ProvenanceRecord]; let history: [HistoryRecord] }

        func run() async throws {
            let detail = try await withServices(global) { services in
                try await services.indicators.detail(id: id, for: try await acting.principal(in: services))
            }
            let record = detail.indicator
            try global.output(Result(indicator: record, provenance: detail.provenance, history: detail.history)) {
                ([
                    "\(record.type.rawValue) \(record.value)", "TLP:\(record.tlp.rawValue)  \(record.threatType.rawValue)  \(record.status.rawValue)  confidence \(record.confidence)",
                    "tags: \(record.tags.joined(separator: ", "))",
                ] + detail.provenance.map { "source \($0.sourceID): seen \($0.timesSeen)×" }
                  + detail.history.map { "\(ISO8601DateFormatter().string(from: Clock.date($0.at))) \($0.actor) \($0.change) \($0.details)" })
                .joined(separator: "\n")
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an indicator.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "The value; the type is detected unless --type is given.") var value: String
        @Option(help: "Indicator type.") var type: IndicatorType?
        @Option(help: "TLP label (default AMBER).") var tlp: String?
        @Option(help: "Threat type.") var threatType: String = "other"
        @Option(help: "Confidence 0-100.") var confidence: Int?
        @Option(help: "Tag (repeatable).") var tag: [String] = []
        @Option(help: "Description.") var description: String?

        func run() async throws {
            let input = NewIndicator(
                type: type, value: value, tlp: try tlp.map { try TLP(parsing: $0) },
                threatType: try ThreatType(parsing: threatType), confidence: confidence, tags: tag, description: description)
            let record = try await withServices(global) { services in
                try await services.indicators.create(input, by: try await acting.principal(in: services))
            }
            try global.output(record) { "Added \(record.id): \(record.type.rawValue) \(record.value) TLP:\(record.tlp.rawValue)" }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an indicator.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Argument(help: "Indicator id.") var id: String
        @Option(help: "Why.") var reason: String

        func run() async throws {
            let record = try await withServices(global) { services in
                try await services.indicators.revoke(id: id, reason: reason, by: try await acting.principal(in: services))
            }
            try global.output(record) { "Revoked \(record.id) (\(record.value))" }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the expiry job now: validity ended, or score decayed below \(Int(Decay.expiryThreshold)).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var acting: ActingUser
        @Option(help: "Evaluate as of this time (YYYY-MM-DD or RFC 3339) instead of now.") var at: String?

        func run() async throws {
            var now = Clock.nowMillis()
            if let at {
                guard let parsed = FeedTime.parse(at) else { throw ValidationError("--at \(at): expected YYYY-MM-DD or RFC 3339") }
                now = parsed
            }
            let report = try await withServices(global) { services in
                try await services.lifecycle.expire(now: now, by: try await acting.principal(in: services))
            }
            try global.output(report) {
                "Examined \(report.examined) active indicators: \(report.validityEnded) validity ended, \(report.decayed) decayed."
            }
        }
    }
}
