/// Web UI (SPEC C9): the address range of IP indicators, for CIDR containment searches.
/// `net_low` is empty for types that are not addresses; rows of address types written before
/// this version are filled in by `IndicatorStore.fillAddressRanges` when the store opens.
/// Listing indexes let a search filtered by type or status walk its rows newest first instead of
/// sorting all of them (both append at the end of their type or status as rows arrive).
enum Schema12 {
    static let migration = Migration(version: 12, name: "indicator address ranges") { _ in
        [
            "ALTER TABLE indicators ADD COLUMN net_low TEXT",
            "ALTER TABLE indicators ADD COLUMN net_high TEXT",
            "UPDATE indicators SET net_low = '', net_high = '' WHERE type NOT IN ('ipv4', 'ipv6', 'cidr4', 'cidr6')",
            "CREATE INDEX indicators_net ON indicators (net_low, net_high)",
            "CREATE INDEX indicators_type_listing ON indicators (type, created_at, id)",
            "CREATE INDEX indicators_status_listing ON indicators (status, created_at, id)",
        ]
    }
}
