import Foundation
import VigilCore
import VigilFormats
import VigilStore

extension SharingService {
    /// Writes the export as a MISP feed directory at `path`. Delisted indicators are left out (a
    /// feed is a snapshot: what is gone from it is withdrawn).
    func writeMISPFeed(
        _ partner: VigilConfiguration.Partner, _ organisationID: String, to path: String, now: Int64
    ) async throws -> SharingPlan {
        var feed = MISPFeedWriter(producer: settings.producer, now: now)
        var plan = try await visit(partner, organisationID) { item in
            if case .indicator(let record, let revoked) = item, !revoked {
                feed.add(MISPExportAttribute(
                    id: record.id, value: IndicatorValue(trustedType: record.type, canonical: record.value), tlp: record.tlp,
                    threatType: record.threatType.rawValue, toIDS: record.confidence >= 50, comment: record.description,
                    firstSeen: record.firstSeen, lastSeen: record.lastSeen, tags: record.tags))
            }
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in try feed.files() {
            guard FileManager.default.createFile(atPath: (path as NSString).appendingPathComponent(name), contents: Data(bytes)) else {
                throw ServiceError.invalid(field: "out", message: "cannot write \(name) in \(path)")
            }
        }
        plan.indicators -= plan.revoked
        if plan.revoked > 0 { plan.remove("delisted: a MISP feed drops it instead of revoking it", "\(plan.revoked) indicators") }
        plan.revoked = 0
        plan.sightings = 0
        return plan
    }
}
