import SQLKit
import VigilCore

/// What a sharing profile lets through to a partner (SPEC C7).
public struct SharingFilter: Sendable, Hashable {
    /// The highest TLP shared; RED is never shared, whatever this says.
    public var maxTLP: TLP
    /// Indicator types shared; empty: all.
    public var types: [IndicatorType]
    /// Threat types shared; empty: all.
    public var threatTypes: [String]
    /// Shared when the indicator has one of these tags; empty: any.
    public var tags: [String]
    /// Shared when one of these sources reported it; empty: any.
    public var sources: [String]

    /// A filter.
    public init(maxTLP: TLP, types: [IndicatorType] = [], threatTypes: [String] = [], tags: [String] = [], sources: [String] = []) {
        self.maxTLP = maxTLP
        self.types = types
        self.threatTypes = threatTypes
        self.tags = tags
        self.sources = sources
    }
}

extension IndicatorStore {
    /// A page (by id) of the indicators `organisationID` may receive under TLP and `filter`:
    /// active ones, and delisted ones (false positive, revoked, allowlisted) so that partners get
    /// their revocation. Expired ones are left out.
    public func sharingPage(
        organisationID: String, filter: SharingFilter, after: String, limit: Int
    ) async throws -> [IndicatorRecord] {
        let levels = TLP.allCases.filter { $0 != .red && $0 <= filter.maxTLP }.map(\.rawValue)
        var sql: SQLQueryString = """
            SELECT * FROM indicators WHERE indicators.id > \(bind: after) \
            AND indicators.tlp IN (\(db.list(levels))) AND \(ReadScope.tlpCondition(organisationID: organisationID)) \
            AND indicators.status IN ('active', 'false-positive', 'revoked', 'allowlisted')
            """
        if !filter.types.isEmpty { sql = "\(sql) AND indicators.type IN (\(db.list(filter.types.map(\.rawValue))))" }
        if !filter.threatTypes.isEmpty { sql = "\(sql) AND indicators.threat_type IN (\(db.list(filter.threatTypes)))" }
        if !filter.tags.isEmpty {
            sql = "\(sql) AND EXISTS (SELECT 1 FROM indicator_tags t WHERE t.indicator_id = indicators.id AND t.tag IN (\(db.list(filter.tags))))"
        }
        if !filter.sources.isEmpty {
            sql = """
                \(sql) AND EXISTS (SELECT 1 FROM provenance p JOIN sources src ON src.id = p.source_id \
                WHERE p.indicator_id = indicators.id AND src.name IN (\(db.list(filter.sources))))
                """
        }
        sql = "\(sql) ORDER BY indicators.id LIMIT \(unsafeRaw: String(max(1, limit)))"
        var records = try await db.raw(sql).all().map(Self.record)
        guard !records.isEmpty else { return records }
        let tags = try await pairs(table: "indicator_tags", column: "tag", ids: records.map(\.id))
        for index in records.indices { records[index].tags = (tags[records[index].id] ?? []).sorted() }
        return records
    }

    /// The names of the sources that reported each of `indicatorIDs`.
    public func sourceNames(of indicatorIDs: [String]) async throws -> [String: [String]] {
        guard !indicatorIDs.isEmpty else { return [:] }
        var names: [String: [String]] = [:]
        for row in try await db.raw("""
            SELECT p.indicator_id, src.name FROM provenance p JOIN sources src ON src.id = p.source_id \
            WHERE p.indicator_id IN (\(db.list(indicatorIDs))) ORDER BY src.name
            """).all() {
            names[try row.string("indicator_id"), default: []].append(try row.string("name"))
        }
        return names
    }
}
