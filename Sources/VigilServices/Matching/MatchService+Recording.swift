import VigilCore
import VigilMatch
import VigilStore

extension MatchService {
    /// Stores one batch of hits: hourly counts, and raw hits while the retention keeps any, with
    /// `checkpoint` in the same transaction. Hits name indicators by value; the ids come from the
    /// store in one query, and a value no longer stored (deleted since compiling) is dropped.
    func record(
        _ hits: [TelemetryHit], observer: String, input: String, checkpoint: MatchCheckpointStore.Checkpoint? = nil
    ) async throws -> Int {
        let now = Clock.nowMillis()
        let keys = Set(hits.map(\.indicator))
        let retention = settings.rawHitRetentionDays
        let pseudonym = self.pseudonym
        let owners = self.owners.current
        let keepsAddresses = keepsOwnedClientAddresses
        // The ids are looked up inside the write transaction, on the writer's connection: they
        // exist for its inserts (no other writer runs), and its page cache is the warm one.
        return try await database.transaction { db in
            let ids = try await IndicatorStore(db).ids(for: keys)
            var counts: [String: SightingStore.Count] = [:]
            var raw: [SightingStore.Hit] = []
            // A client repeats: its HMAC and its owner are worked out once a batch.
            var clients: [String: (pseudonym: String, owner: String?)] = [:]
            for hit in hits {
                guard let id = ids[hit.indicator] else { continue }
                let time = hit.time ?? now
                let logged = hit.client ?? ""
                let known = clients[logged] ?? (pseudonym(logged), owners.owner(ofAddressText: logged))
                clients[logged] = known
                let (client, owner) = known
                let hour = time - time % 3_600_000
                let key = "\(id)\u{1F}\(client)\u{1F}\(hour)"
                if var count = counts[key] {
                    count.count += 1
                    count.firstSeen = min(count.firstSeen, time)
                    count.lastSeen = max(count.lastSeen, time)
                    counts[key] = count
                } else {
                    counts[key] = SightingStore.Count(
                        indicatorID: id, observer: observer, client: client, hour: hour, count: 1, firstSeen: time,
                        lastSeen: time, organisationID: owner, clientAddress: owner != nil && keepsAddresses ? logged : nil)
                }
                if retention > 0 {
                    raw.append(SightingStore.Hit(
                        indicatorID: id, observer: observer, client: client, seenAt: time,
                        observed: String(hit.observed.prefix(2048)), input: String(input.prefix(1024)), line: hit.line,
                        organisationID: owner))
                }
            }
            try await SightingStore(db).add(Array(counts.values), hits: raw, at: now)
            if let checkpoint { try await MatchCheckpointStore(db).save(checkpoint, at: now) }
            return counts.count
        }
    }
}
