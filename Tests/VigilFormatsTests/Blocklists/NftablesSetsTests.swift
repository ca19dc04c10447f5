import Testing
import VigilCore
@testable import VigilFormats

@Suite("nftables exporter")
struct NftablesSetsTests {
    @Test func sampleFileMatchesTheFixture() throws {
        let file = NftablesSets(listName: "malware-dns").render(BlocklistFixtures.entries)
        #expect(file == (try BlocklistFixtures.sample("malware-dns.nft")))
    }

    @Test func addressesInsideListedNetworksAreLeftOut() throws {
        let file = NftablesSets(listName: "x").render(BlocklistFixtures.entries)
        #expect(file.contains("203.0.113.0/24,"))
        #expect(!file.contains("203.0.113.77"), "inside 203.0.113.0/24: an interval set refuses the overlap")
        #expect(file.contains("198.51.100.23,"))
    }

    @Test func outermostKeepsDisjointAndDropsNested() throws {
        let networks = try ["10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32", "11.0.0.0/8", "192.0.2.0/24", "10.0.0.0/8"]
            .map { try IPv4Network(parsing: $0) }
        let kept = NftablesSets.outermost(networks, contains: { $0.contains($1) }).map(\.canonical)
        #expect(kept == ["10.0.0.0/8", "11.0.0.0/8", "192.0.2.0/24"])
    }

    @Test func emptyListsStillDeclareTheSets() {
        let file = NftablesSets(listName: "empty-list").render([])
        #expect(file.contains("table inet vigil_empty_list {"))
        #expect(file.contains("set v4 {") && file.contains("set v6 {"))
        #expect(!file.contains("elements"))
    }
}
