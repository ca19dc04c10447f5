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
        let ids = try await IndicatorStore(database.sql).ids(for: Set(hits.map(\.indicator)))
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
                    indicatorID: id, observer: observer, client: client, hour: hour, count: 1, firstSeen: time, lastSeen: time)
            }
            if settings.rawHitRetentionDays > 0 {
                raw.append(SightingStore.Hit(
                    indicatorID: id, observer: observer, client: client, seenAt: time,
                    observed: String(hit.observed.prefix(2048)), input: String(input.prefix(1024)), line: hit.line))
            }
        }
        let batch = Array(counts.values), rawHits = raw
        try await database.transaction { db in
            try await SightingStore(db).add(batch, hits: rawHits)
            if let checkpoint { try await MatchCheckpointStore(db).save(checkpoint, at: now) }
        }
        return batch.count
    }
}
