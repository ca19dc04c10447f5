/// Web UI (SPEC C9): the address range of IP indicators, for CIDR containment searches.
/// `net_low` is empty for types that are not addresses; rows of address types written before
/// this version are filled in by `IndicatorStore.fillAddressRanges` when the store opens.
enum Schema12 {
    static let migration = Migration(version: 12, name: "indicator address ranges") { _ in
        [
            "ALTER TABLE indicators ADD COLUMN net_low TEXT",
            "ALTER TABLE indicators ADD COLUMN net_high TEXT",
            "UPDATE indicators SET net_low = '', net_high = '' WHERE type NOT IN ('ipv4', 'ipv6', 'cidr4', 'cidr6')",
            "CREATE INDEX indicators_net ON indicators (net_low, net_high)",
        ]
    }
}
