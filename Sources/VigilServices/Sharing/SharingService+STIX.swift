import Foundation
import VigilCore
import VigilFormats
import VigilStore

extension SharingService {
    /// Writes the export as one STIX 2.1 bundle at `path`.
    func writeSTIX(
        _ partner: VigilConfiguration.Partner, _ organisationID: String, to path: String, now: Int64
    ) async throws -> SharingPlan {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ServiceError.invalid(field: "out", message: "cannot create \(path)")
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        return try await writeSTIX(partner, organisationID, now: now) { try file.write(contentsOf: $0) }
    }

    /// Writes the export as one STIX 2.1 bundle, handing its bytes to `flush` as they come.
    func writeSTIX(
        _ partner: VigilConfiguration.Partner, _ organisationID: String, now: Int64, flush: @escaping ([UInt8]) throws -> Void
    ) async throws -> SharingPlan {
        var writer = STIXBundleWriter(producer: settings.producer, bundleName: "partner:\(partner.organisation)", now: now, flush: flush)
        let plan = try await visit(partner, organisationID) { item in
            switch item {
            case .indicator(let record, let revoked, let sources): try writer.add(Self.stix(record, revoked: revoked, sources: sources))
            case .sighting(let s, let tlp, let clients):
                try writer.addSighting(indicatorID: s.indicatorID, tlp: tlp, count: s.count, firstSeen: s.firstSeen,
                                       lastSeen: s.lastSeen, observer: s.observer, clients: clients)
            }
        }
        try writer.finish()
        return plan
    }

    static func stix(_ record: IndicatorRecord, revoked: Bool, sources: [String]) -> STIXExportIndicator {
        STIXExportIndicator(
            id: record.id, value: IndicatorValue(trustedType: record.type, canonical: record.value), tlp: record.tlp,
            threatType: record.threatType.rawValue, confidence: record.confidence, description: record.description,
            created: record.createdAt, modified: record.updatedAt, validFrom: record.firstSeen, validUntil: record.validUntil,
            revoked: revoked, tags: record.tags, sources: sources)
    }
}
