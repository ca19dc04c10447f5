import SQLKit
import VigilCore
import VigilFormats
import VigilStore

/// Writes one batch of feed items for one source inside a transaction.
struct IngestBatch {
    struct Counts: Sendable {
        var new = 0, updated = 0, unchanged = 0, suppressed = 0
        /// What became of each distinct value of the batch.
        var outcomes: [IndicatorValue: ItemOutcome] = [:]
    }

    let db: any SQLDatabase
    let source: SourceRecord
    let suppressor: @Sendable (IndicatorValue) -> String?

    func write(_ items: [FeedItem]) async throws -> Counts {
        var counts = Counts()
        guard !items.isEmpty else { return counts }
        let now = Clock.nowMillis()
        var latest: [IndicatorValue: FeedItem] = [:]
        var order: [IndicatorValue] = []
        for item in items {
            // The first listing of a value in a batch counts; repeats in the same batch are unchanged.
            if latest[item.value] == nil {
                latest[item.value] = item
                order.append(item.value)
            } else {
                counts.unchanged += 1
            }
        }
        let store = IngestStore(db)
        let existing = try await store.existing(order)
        let listed = try await store.listedBefore(existing.values.map(\.id), sourceID: source.id)
        var newIndicators: [IndicatorRecord] = []
        var provenance: [ProvenanceRecord] = []
        var history: [HistoryRecord] = []
        var seenAgain: [String] = []
        var firstListing: [String] = []
        let actor = "source:\(source.name)"
        for value in order {
            let item = latest[value]!
            let itemConfidence = item.confidence ?? 100
            if let known = existing[value] {
                if listed.contains(known.id) {
                    seenAgain.append(known.id)
                    counts.unchanged += 1
                    counts.outcomes[value] = ItemOutcome(status: .unchanged, indicatorID: known.id)
                } else {
                    counts.outcomes[value] = ItemOutcome(status: .updated, indicatorID: known.id)
                    firstListing.append(known.id)
                    provenance.append(ProvenanceRecord(
                        indicatorID: known.id, sourceID: source.id, firstSeen: item.firstSeen ?? now, lastSeen: now,
                        timesSeen: 1, itemID: item.itemID, confidence: itemConfidence))
                    history.append(HistoryRecord(
                        id: Secrets.newID(), indicatorID: known.id, at: now, actor: actor, change: "listed",
                        details: "also listed by source \(source.name)"))
                    counts.updated += 1
                }
                continue
            }
            let suppressedBy = suppressor(value)
            if suppressedBy != nil { counts.suppressed += 1 }
            let id = Secrets.newID()
            newIndicators.append(IndicatorRecord(
                id: id, type: value.type, value: value.canonical, tlp: item.tlp ?? source.defaultTLP,
                threatType: item.threatType ?? source.threatType, status: .active,
                confidence: Confidence.combined([(source.reliability, itemConfidence)]),
                ownerOrganisationID: source.organisationID, description: String((item.description ?? "").prefix(4000)),
                firstSeen: item.firstSeen ?? now, lastSeen: now, validUntil: item.validUntil, createdAt: now,
                updatedAt: now, tags: Array(Set(item.tags + source.tags)), suppressedBy: suppressedBy))
            provenance.append(ProvenanceRecord(
                indicatorID: id, sourceID: source.id, firstSeen: item.firstSeen ?? now, lastSeen: now, timesSeen: 1,
                itemID: item.itemID, confidence: itemConfidence))
            history.append(HistoryRecord(
                id: Secrets.newID(), indicatorID: id, at: now, actor: actor, change: "created",
                details: suppressedBy.map { "from source \(source.name); suppressed by warning list \($0)" }
                    ?? "from source \(source.name)"))
            counts.new += 1
            counts.outcomes[value] = ItemOutcome(status: .new, indicatorID: id, suppressedBy: suppressedBy)
        }
        try await store.insert(newIndicators)
        try await store.insert(provenance)
        try await store.insert(history)
        try await store.touchProvenance(seenAgain, sourceID: source.id, at: now)
        try await store.touchIndicators(seenAgain + firstListing, at: now)
        if !firstListing.isEmpty {
            let evidence = try await store.evidence(firstListing)
            let storedConfidence = Dictionary(existing.values.map { ($0.id, $0.confidence) }, uniquingKeysWith: { first, _ in first })
            for id in firstListing {
                let confidence = Confidence.combined(evidence[id] ?? [])
                if confidence != storedConfidence[id] {
                    try await store.setConfidence(id: id, confidence: confidence, at: now)
                }
            }
        }
        return counts
    }
}

/// What became of one item of a feed.
public struct ItemOutcome: Sendable, Hashable, Codable {
    /// The kinds of outcome.
    public enum Status: String, Sendable, Codable {
        /// A new indicator.
        case new
        /// A known indicator this source listed for the first time.
        case updated
        /// A known indicator this source listed before.
        case unchanged
    }

    /// The outcome.
    public var status: Status
    /// The indicator's id.
    public var indicatorID: String
    /// The warning list that suppresses a new indicator, if any.
    public var suppressedBy: String?
}
