import Foundation
import Testing
import VigilCore
import VigilStore
@testable import VigilServices
import VigilTestSupport

/// TLP on every sharing path: an indicator at each TLP, owned by the CERT or by another
/// organisation, with and without the partner as a recipient or a sharing party; the STIX
/// export, the MISP feed and the TAXII collection of the partner carry exactly what TLP lets it
/// read, and never TLP:RED.
@Suite("TLP on every sharing path, on SQLite and PostgreSQL")
struct SharingLeakTests {
    @Test(arguments: TestDatabases.kinds)
    func nothingLeaksToAPartner(kind: DatabaseKind) async throws {
        try await TestDatabases.withServices(kind, configure: { configuration in
            var partner = VigilConfiguration.Partner(organisation: "Partner CERT", jurisdiction: "XB")
            partner.maxTLP = .amberStrict
            configuration.sharing.partners = [partner]
            configuration.sharing.homeJurisdiction = "XA"
        }) { services, analyst in
            let store = OrganisationStore(services.database.sql)
            for (id, name) in [("org-partner", "Partner CERT"), ("org-other", "Other Org")] {
                try await store.insert(OrganisationRecord(id: id, name: name, country: "XB", createdAt: 0))
            }
            let other = try await services.users.createUser(
                username: "other-analyst", password: "other-test-pass", organisationID: "org-other", role: .analyst, by: nil).principal
            try await store.share(from: "org-other", with: "org-partner")
            var expected: [String: Bool] = [:]
            for tlp in TLP.allCases {
                for (owner, principal) in [("cert", analyst), ("other", other)] {
                    for recipient in [false, true] {
                        let value = "leak-\(tlp.rawValue.lowercased().replacingOccurrences(of: "+", with: "-"))-\(owner)-\(recipient ? "r" : "n").net"
                        let record = try await services.indicators.create(
                            NewIndicator(type: .domain, value: value, tlp: tlp, threatType: .c2, confidence: 80,
                                         recipients: recipient ? ["org-partner"] : nil), by: principal)
                        let readable = tlp != .red && AccessRule.tlpAllows(
                            record.visibility, organisationID: "org-partner",
                            ownerSharesWith: owner == "other" ? ["org-partner"] : [])
                        expected[value] = readable
                    }
                }
            }
            #expect(expected.values.contains(true) && expected.values.contains(false))
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-leak-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try await services.sharing.export(partner: "Partner CERT", format: .stix, to: directory + "/bundle.json", by: analyst)
            _ = try await services.sharing.export(partner: "Partner CERT", format: .mispFeed, to: directory + "/feed", by: analyst)
            _ = try await services.taxii.publish(partner: "Partner CERT")
            let taxii = try await TAXIIStore(services.database.sql).page(
                collection: TAXIIService.collectionID("Partner CERT"), query: TAXIIStore.Query(limit: 10_000))
            var outputs = ["STIX": try String(contentsOfFile: directory + "/bundle.json", encoding: .utf8),
                           "TAXII": taxii.versions.map(\.body).joined(separator: "\n")]
            outputs["MISP"] = try FileManager.default.contentsOfDirectory(atPath: directory + "/feed")
                .map { try String(contentsOfFile: directory + "/feed/" + $0, encoding: .utf8) }.joined(separator: "\n")
            for (path, text) in outputs {
                for (value, readable) in expected {
                    #expect(text.contains(value) == readable, "\(path): \(value) \(readable ? "missing" : "leaked")")
                }
            }
        }
    }
}
