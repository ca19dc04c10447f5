import Foundation
import VigilCore
import VigilMatch
import VigilStore

/// Two days of demo telemetry, matched through `vigil match`'s own path so the demo has
/// sightings: an Unbound query log of the demo resolver and a flow log of the demo edge
/// firewall, clients in 192.0.2.0/24 (both demo ISPs' subscribers), one line in twenty naming a demo indicator.
enum DemoTelemetry {
    /// Generates and scans the logs; returns the hits stored.
    static func load(into services: ServiceContainer, seed: UInt64, now: Int64) async throws -> Int {
        let store = IndicatorStore(services.database.sql)
        let names = try await store.search(IndicatorQuery(type: .domain, status: .active, limit: 300), scope: .system).items
            .filter { $0.suppressedBy == nil }.map(\.value)
        let addresses = try await store.search(IndicatorQuery(type: .ipv4, status: .active, limit: 300), scope: .system).items
            .filter { $0.suppressedBy == nil }.map(\.value)
        var random = SplitMix64(seed: seed)
        let start = now / 1000 - 48 * 3600
        var dns = "", flows = "ts,src_ip,src_port,dst_ip,dst_port,proto,bytes,packets\n"
        for k in 0..<4000 {
            let ts = start + Int64(k) * 43 + Int64(random.below(43))
            let client = "192.0.2.\(1 + random.below(120))"
            let name = !names.isEmpty && random.chance(5) ? names[random.below(names.count)] : "www.benign-\(random.below(500)).example"
            dns += "[\(ts)] unbound[812:0] info: \(client) \(name). A IN\n"
            let server = !addresses.isEmpty && random.chance(5) ? addresses[random.below(addresses.count)] : "198.18.\(random.below(256)).\(1 + random.below(254))"
            flows += "\(ts),\(client),\(1024 + random.below(60000)),\(server),443,6,\(random.below(90_000)),\(1 + random.below(80))\n"
        }
        let options = MatchService.ScanOptions(threads: 1)
        let resolver = try await services.matching.scan(.bytes(Array(dns.utf8)), format: .unbound, observer: "demo-resolver", options: options)
        let firewall = try await services.matching.scan(.bytes(Array(flows.utf8)), format: .flowCSV, observer: "demo-edge-fw", options: options)
        return resolver.statistics.hits + firewall.statistics.hits
    }
}
