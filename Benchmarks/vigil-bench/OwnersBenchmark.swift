import Foundation
import VigilCore
import VigilMatch
import VigilServices
import VigilStore

/// The constituency's owner mapping and notice building: 20,000 organisations holding 300,000
/// prefixes (v4 /14–/24 nested across organisations, one in ten v6), 5,000,000 sighting clients
/// as logs write them (60 % inside someone's prefix), each mapped to its owner on one core; then
/// the mapped sightings aggregated per organisation and client, and every organisation's notice
/// rendered (the same composer `vigil serve` uses). With `--peer`, Python with `pytricia` maps
/// the same addresses and must find the same owners (count and owner-number checksum agree).
struct OwnersBenchmark: Benchmark {
    let name = "owners"
    let summary = "map 5 M sighting clients to owners among 20,000 organisations / 300,000 prefixes (one core; goal ≥ 2 M/s)"
    let defaultCount = 5_000_000
    let goal = 2_000_000.0

    func run(_ context: BenchmarkContext) throws -> BenchmarkResult {
        let directory = try IngestFeed.temporaryDirectory("owners")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let organisations = max(20, context.count / 250)
        var random = SplitMix64(seed: context.seed)
        let (prefixes, networks4, networks6) = Self.prefixes(count: organisations * 15, owners: organisations, &random)
        let clients = Self.clients(count: context.count, inside: networks4, networks6, &random)
        var notes: [String] = []

        var map = OwnerMap.Builder().build()
        let build = bestTime(repetitions: 1) {
            var builder = OwnerMap.Builder()
            for (network, owner) in networks4 { builder.add(network, owner: owner) }
            for (network, owner) in networks6 { builder.add(network, owner: owner) }
            map = builder.build()
        }
        notes.append(String(format: "owner map of %d organisations, %d prefixes built in %.2f s", organisations, prefixes.count, build))

        var owners = [Int32](repeating: -1, count: clients.count)
        let seconds = bestTime(repetitions: context.repetitions) {
            for (k, client) in clients.enumerated() { owners[k] = map.owner(ofAddressText: client) ?? -1 }
        }
        let owned = owners.filter { $0 >= 0 }
        let check = "\(owned.count)/\(owned.reduce(0) { $0 + Int($1) })"
        notes.append("\(owned.count) of \(clients.count) clients owned (\(clients.count - owned.count) unowned, counted)")

        let (notices, aggregation, rendering) = try Self.composeNotices(clients: clients, owners: owners, organisations: organisations)
        notes.append(String(format: "%d aggregated notices (e-mail text + CSV attachment) built in %.2f s (goal ≤ 10 s for 20,000): aggregating the sightings %.2f s, rendering %.2f s",
                            notices, aggregation + rendering, aggregation, rendering))

        var peer: PeerResult?
        if context.peer {
            let prefixFile = directory + "/prefixes.tsv", clientFile = directory + "/clients.txt"
            try prefixes.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n").write(toFile: prefixFile, atomically: false, encoding: .utf8)
            try clients.joined(separator: "\n").write(toFile: clientFile, atomically: false, encoding: .utf8)
            peer = try runPythonPeer(name: "python3 pytricia", script: try peerScript("owners_pytricia.py"), arguments: [prefixFile, clientFile])
            guard peer?.check == check else {
                throw BenchmarkError(description: "pytricia found \(peer?.check ?? "nothing") (owned/checksum), vigil \(check)")
            }
            notes.append("pytricia finds the same owners (\(check) owned/checksum)")
        }
        return BenchmarkResult(items: clients.count, seconds: seconds, peer: peer, notes: notes)
    }

    /// Distinct prefixes with their owners: v4 between /18 and /24, one in twenty between /14
    /// and /17 (so organisations' networks nest and the longest one must win), one in ten v6
    /// between /32 and /56.
    static func prefixes(
        count: Int, owners: Int, _ random: inout SplitMix64
    ) -> ([(String, Int32)], [(IPv4Network, Int32)], [(IPv6Network, Int32)]) {
        var seen = Set<String>(), all: [(String, Int32)] = [], v4: [(IPv4Network, Int32)] = [], v6: [(IPv6Network, Int32)] = []
        while all.count < count {
            let owner = Int32(all.count % owners)
            if random.chance(10) {
                let network = IPv6Network(address: IPv6Address(high: 0x2001_0db8_0000_0000 | random.next() >> 32, low: 0),
                                          prefixLength: 32 + random.below(25))!
                if seen.insert(network.canonical).inserted { all.append((network.canonical, owner)); v6.append((network, owner)) }
            } else {
                let network = IPv4Network(address: IPv4Address(UInt32(truncatingIfNeeded: random.next())), prefixLength: random.chance(5) ? 14 + random.below(4) : 18 + random.below(7))!
                if seen.insert(network.canonical).inserted { all.append((network.canonical, owner)); v4.append((network, owner)) }
            }
        }
        return (all, v4, v6)
    }

    /// Client addresses as text: 60 % inside a generated network, the rest anywhere.
    static func clients(
        count: Int, inside v4: [(IPv4Network, Int32)], _ v6: [(IPv6Network, Int32)], _ random: inout SplitMix64
    ) -> [String] {
        (0..<count).map { _ in
            if random.chance(60) {
                if random.chance(10) {
                    let network = v6[random.below(v6.count)].0
                    return IPv6Address(high: network.address.high | (random.next() & 0xFF), low: random.next()).canonical
                }
                let network = v4[random.below(v4.count)].0
                return IPv4Address(network.address.value | (UInt32(truncatingIfNeeded: random.next()) & ~network.mask)).canonical
            }
            return IPv4Address(UInt32(truncatingIfNeeded: random.next())).canonical
        }
    }

    /// Aggregates the owned clients per organisation and client, then renders every
    /// organisation's notice; returns the notices and the seconds of each step.
    static func composeNotices(clients: [String], owners: [Int32], organisations: Int) throws -> (Int, Double, Double) {
        let composer = try NoticeComposer(sender: "CERT Benchmarkland")
        let records = (0..<organisations).map { n in
            var record = OrganisationRecord(id: "org-\(n)", name: "Organisation \(n)", country: "XA", createdAt: 0)
            record.language = n % 2 == 0 ? .en : .zh
            return record
        }
        var notices = 0
        let hour: Int64 = 1_795_651_200_000
        var byOrganisation: [[String: Int64]] = []
        let aggregation = bestTime(repetitions: 1) {
            byOrganisation = [[String: Int64]](repeating: [:], count: organisations)
            for (k, owner) in owners.enumerated() where owner >= 0 { byOrganisation[Int(owner)][clients[k], default: 0] += 1 }
        }
        let rendering = bestTime(repetitions: 1) {
            for (n, counts) in byOrganisation.enumerated() where !counts.isEmpty {
                let events = counts.map { client, count in
                    NoticeEventStore.Event(
                        kind: .sighting, organisationID: records[n].id, recordedAt: hour, indicatorID: "ind-1", indicatorType: "domain",
                        indicatorValue: "c2.evil.example", threatType: "c2", tlp: .green, ownerOrganisationID: "org-cert",
                        observer: "resolver-1", client: client, count: count, firstSeen: hour, lastSeen: hour + 1000)
                }
                notices += (try? composer.notices(
                    for: records[n], contacts: ["abuse@org-\(n).example"], period: hour..<(hour + 3_600_000), events: events, now: hour))?.count ?? 0
            }
        }
        return (notices, aggregation, rendering)
    }
}
