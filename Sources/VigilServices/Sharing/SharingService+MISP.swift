import Foundation
import VigilCore
import VigilFormats
import VigilStore

extension SharingService {
    /// Writes the export as a MISP feed directory at `path`, or with `singleEvent` as one MISP
    /// event JSON file. Delisted indicators are left out (a feed is a snapshot: what is gone from
    /// it is withdrawn).
    func writeMISPFeed(
        _ partner: VigilConfiguration.Partner, _ organisationID: String, to path: String, now: Int64, singleEvent: Bool = false
    ) async throws -> SharingPlan {
        var feed = MISPFeedWriter(producer: settings.producer, now: now, singleEvent: singleEvent)
        var plan = try await visit(partner, organisationID) { item in
            if case .indicator(let record, let revoked, _) = item, !revoked {
                feed.add(MISPExportAttribute(
                    id: record.id, value: IndicatorValue(trustedType: record.type, canonical: record.value), tlp: record.tlp,
                    threatType: record.threatType.rawValue, toIDS: record.confidence >= 50, comment: record.description,
                    firstSeen: record.firstSeen, lastSeen: record.lastSeen, tags: record.tags))
            }
        }
        if singleEvent {
            guard FileManager.default.createFile(atPath: path, contents: Data(try feed.eventJSON())) else {
                throw ServiceError.invalid(field: "out", message: "cannot write \(path)")
            }
        } else {
            try writeFiles(try feed.files(), into: path)
        }
        plan.indicators -= plan.revoked
        if plan.revoked > 0 { plan.remove("delisted: a MISP feed drops it instead of revoking it", "\(plan.revoked) indicators") }
        plan.revoked = 0
        plan.sightings = 0
        return plan
    }

    private func writeFiles(_ files: [(name: String, bytes: [UInt8])], into path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in files {
            guard FileManager.default.createFile(atPath: (path as NSString).appendingPathComponent(name), contents: Data(bytes)) else {
                throw ServiceError.invalid(field: "out", message: "cannot write \(name) in \(path)")
            }
        }
    }
}
