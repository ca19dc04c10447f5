import Testing
import VigilCore

@Suite("TLP 2.0 and the threat taxonomy")
struct TLPTests {
    @Test func isOrderedByRestriction() {
        #expect(TLP.allCases.sorted() == [.clear, .green, .amber, .amberStrict, .red])
        #expect(TLP.amber < .amberStrict)
        #expect(TLP(rank: 3) == .amberStrict)
    }

    @Test(arguments: [("TLP:AMBER+STRICT", TLP.amberStrict), ("amber", .amber), ("tlp:white", .clear), (" Red ", .red), ("CLEAR", .clear)])
    func parsesLeniently(raw: String, expected: TLP) throws {
        #expect(try TLP(parsing: raw) == expected)
    }

    @Test(arguments: ["", "PURPLE", "TLP:", "AMBER+", String(repeating: "R", count: 500)])
    func rejectsOthers(raw: String) {
        #expect(throws: TLPParseError.self) { try TLP(parsing: raw) }
    }

    @Test func taxonomyParses() throws {
        #expect(try ThreatType(parsing: "Malware_Distribution") == .malwareDistribution)
        #expect(throws: ThreatTypeParseError.self) { try ThreatType(parsing: "fake-news") }
        #expect(ThreatType.allCases.count == 10)
    }
}
