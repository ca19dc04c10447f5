import Foundation
import Testing
import VigilCore
@testable import VigilFormats

@Suite("Organisation import: CSV and JSON with the same fields, bad records reported with position and field")
struct OrganisationImportTests {
    static func sample(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples/\(name)")
        return Array(try Data(contentsOf: url))
    }

    @Test func csvRowsAreReadAndBadRowsReportedWithLineAndField() throws {
        let result = OrganisationCSVReader.read(String(decoding: try Self.sample("organisations.csv"), as: UTF8.self))
        #expect(result.profiles.map(\.profile.name) == ["ExampleNet ISP", "Example Water Utility", "Hosting, Ltd"])
        let isp = result.profiles[0].profile
        #expect(isp.country == "XA" && isp.protectionLevel == 2 && isp.noticePeriod == .hourly && !isp.criticalInfrastructure)
        #expect(isp.asns.map(\.canonical) == ["AS64500", "AS64501"])
        #expect(isp.prefixes4.map(\.canonical) == ["198.51.100.0/24"] && isp.prefixes6.map(\.canonical) == ["2001:db8:1::/48"])
        #expect(isp.contacts.map(\.canonical) == ["abuse@isp.example", "noc@isp.example"])
        #expect(isp.webhookURL == "https://hooks.isp.example/vigil" && isp.webhookSecret == "0123456789abcdef0123")
        let water = result.profiles[1].profile
        #expect(water.language == .zh && water.criticalInfrastructure && water.protectionLevel == 4 && water.domains.map(\.canonical) == ["water.example"])
        #expect(result.profiles.map(\.position) == [.line(3), .line(4), .line(5)])

        let problems = result.problems.map(\.description)
        #expect(problems.contains("line 2, field region: unknown column, ignored"))
        #expect(problems.contains { $0.hasPrefix("line 6, field prefixes: \"192.0.2.300/24\"") })
        for field in ["country", "critical_infrastructure", "protection_level", "language", "notice_period", "asns", "contacts", "webhook_url"] {
            #expect(problems.contains { $0.hasPrefix("line 7, field \(field):") }, "\(field)")
        }
        #expect(problems.contains("line 8, field name: is required"))
    }

    @Test func jsonAcceptsTheSameFieldsAndReportsEachBadItem() throws {
        let result = OrganisationJSONReader.read(try Self.sample("organisations.json"))
        #expect(result.profiles.map(\.profile.name) == ["ExampleNet ISP", "Example Water Utility"])
        #expect(result.profiles[1].profile.domains.map(\.canonical) == ["water.example"] && result.profiles[1].profile.webhookURL == nil)
        #expect(result.problems.map(\.description) == [
            "item 3: not an object",
            "item 4, field prefixes: must be a string, number, boolean or list of strings",
            "item 5, field critical_infrastructure: \"perhaps\" is not true or false",
        ])
        #expect(OrganisationJSONReader.read(Array("{\"x\": 1}".utf8)).problems.first?.position == .item(0))
    }

    @Test func webhooksMustBeHTTPSOrLoopback() {
        #expect(OrganisationFields.webhookProblem("https://hooks.example/x") == nil)
        #expect(OrganisationFields.webhookProblem("http://127.0.0.1:8080/hook") == nil)
        #expect(OrganisationFields.webhookProblem("http://[::1]:8080/hook") == nil)
        #expect(OrganisationFields.webhookProblem("http://hooks.example/x") != nil)
        #expect(OrganisationFields.webhookProblem("ftp://hooks.example/x") != nil)
    }

    @Test func pfx2asRoutesWithMultipleOriginsAndBadLines() throws {
        var chunks = [try Self.sample("pfx2as.txt")]
        var reader = Pfx2ASReader(read: { chunks.popLast() })
        var routes: [Pfx2ASReader.Route] = []
        while let route = try reader.next() { routes.append(route) }
        #expect(routes.map(\.prefix) == ["1.0.0.0/24", "198.51.100.0/24", "2001:db8:1::/48", "203.0.113.0/24"])
        #expect(routes[2].origins.map(\.value) == [64500, 64501] && routes[3].origins.map(\.value) == [64502, 64503])
        #expect(reader.problems.map(\.line) == [5, 6, 7])
        #expect(reader.problems[2].message == "expected address, length and AS, found 2 fields")
    }
}
