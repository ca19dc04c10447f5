import VigilCore
import VigilFormats

extension Resources {
    /// A blocklist policy as the API shows it.
    struct Blocklist: Codable, Sendable {
        let name: String, types: [String], threat_types: [String], min_confidence: Int, max_tlp: String
        let sources: [String], tags: [String], action: String, formats: [String]

        init(_ policy: BlocklistPolicy) {
            name = policy.name
            types = policy.types.map(\.rawValue).sorted()
            threat_types = policy.threatTypes.map(\.rawValue).sorted()
            min_confidence = policy.minimumConfidence
            max_tlp = policy.maximumTLP.rawValue
            sources = policy.sources
            tags = policy.tags
            action = policy.action.description
            formats = BlocklistFormat.allCases.map { "/feeds/\(policy.name).\($0.fileExtension)" }
        }
    }
}
