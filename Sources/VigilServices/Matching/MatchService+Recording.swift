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
        // The ids are looked up inside the write transaction, on the writer's connection: they
        // exist for its inserts (no other writer runs), and its page cache is the warm one.
        return try await database.transaction { db in
            let ids = try await IndicatorStore(db).ids(for: keys)
            var counts: [String: SightingStore.Count] = [:]
            var raw: [SightingStore.Hit] = []
            var pseudonyms: [String: String] = [:]  // a client repeats; its HMAC is made once a batch
            for hit in hits {
                guard let id = ids[hit.indicator] else { continue }
                let time = hit.time ?? now
                let logged = hit.client ?? ""
                let client = pseudonyms[logged] ?? pseudonym(logged)
                pseudonyms[logged] = client
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
                        lastSeen: time)
                }
                if retention > 0 {
                    raw.append(SightingStore.Hit(
                        indicatorID: id, observer: observer, client: client, seenAt: time,
                        observed: String(hit.observed.prefix(2048)), input: String(input.prefix(1024)), line: hit.line))
                }
            }
            try await SightingStore(db).add(Array(counts.values), hits: raw)
            if let checkpoint { try await MatchCheckpointStore(db).save(checkpoint, at: now) }
            return counts.count
        }
    }
}
