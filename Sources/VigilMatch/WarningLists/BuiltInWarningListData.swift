// The built-in warning lists, in the text form of `WarningList(name:description:parsing:)`,
// compiled into the binary (no network access at run time). Each entry says where it
// comes from. Tests parse every list and require zero problems.
//
// Sources: IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 as updated by
// RFC 8190; registries as of 2025), IANA Special-Use Domain Names registry (RFC 6761),
// the RFCs named per line, and the resolver operators' own documentation.

enum BuiltInWarningListData {
    /// IANA IPv4 Special-Purpose Address Registry, except the documentation blocks (in
    /// `ianaDocumentation`), plus multicast. Entries the registry marks globally
    /// reachable are listed too (anycast services, AS112, AMT): they are infrastructure
    /// many networks share, and a hit only means "a person must look first".
    static let ianaSpecialIPv4 = """
        0.0.0.0/8           # "This network", RFC 791 §3.2
        0.0.0.0/32          # "This host on this network", RFC 1122 §3.2.1.3
        10.0.0.0/8          # Private-Use, RFC 1918
        100.64.0.0/10       # Shared Address Space (CGN), RFC 6598
        127.0.0.0/8         # Loopback, RFC 1122 §3.2.1.3
        169.254.0.0/16      # Link Local, RFC 3927
        172.16.0.0/12       # Private-Use, RFC 1918
        192.0.0.0/24        # IETF Protocol Assignments, RFC 6890 §2.1
        192.0.0.0/29        # IPv4 Service Continuity Prefix (DS-Lite), RFC 7335
        192.0.0.8/32        # IPv4 dummy address, RFC 7600
        192.0.0.9/32        # Port Control Protocol Anycast, RFC 7723 (globally reachable)
        192.0.0.10/32       # Traversal Using Relays around NAT Anycast, RFC 8155 (globally reachable)
        192.0.0.170/32      # NAT64/DNS64 Discovery, RFC 8880, RFC 7050 §2.2
        192.0.0.171/32      # NAT64/DNS64 Discovery, RFC 8880, RFC 7050 §2.2
        192.31.196.0/24     # AS112-v4, RFC 7535 (globally reachable)
        192.52.193.0/24     # AMT, RFC 7450 (globally reachable)
        192.88.99.0/24      # Deprecated (6to4 Relay Anycast), RFC 7526
        192.88.99.2/32      # 6a44-relay anycast address, RFC 6751
        192.168.0.0/16      # Private-Use, RFC 1918
        192.175.48.0/24     # Direct Delegation AS112 Service, RFC 7534 (globally reachable)
        198.18.0.0/15       # Benchmarking, RFC 2544 (range corrected by RFC 6815 §4.2)
        224.0.0.0/4         # Multicast, RFC 5771 (not in the special-purpose registry)
        240.0.0.0/4         # Reserved, RFC 1112 §4
        255.255.255.255/32  # Limited Broadcast, RFC 8190, RFC 919 §7
        """

    /// IANA IPv6 Special-Purpose Address Registry, except the documentation blocks, plus
    /// multicast and two deprecated forms no host uses.
    static let ianaSpecialIPv6 = """
        ::1/128             # Loopback Address, RFC 4291
        ::/128              # Unspecified Address, RFC 4291
        ::ffff:0:0/96       # IPv4-mapped Address, RFC 4291 (mapped addresses are checked as IPv4 first)
        64:ff9b::/96        # IPv4-IPv6 Translation (NAT64 well-known prefix), RFC 6052 (globally reachable)
        64:ff9b:1::/48      # Local-Use IPv4/IPv6 Translation, RFC 8215
        100::/64            # Discard-Only Address Block, RFC 6666
        100:0:0:1::/64      # Dummy IPv6 Prefix, RFC 9780
        2001::/23           # IETF Protocol Assignments, RFC 2928
        2001::/32           # TEREDO, RFC 4380, RFC 8190
        2001:1::1/128       # Port Control Protocol Anycast, RFC 7723 (globally reachable)
        2001:1::2/128       # Traversal Using Relays around NAT Anycast, RFC 8155 (globally reachable)
        2001:1::3/128       # DNS-SD Service Registration Protocol Anycast, RFC 9665 (globally reachable)
        2001:2::/48         # Benchmarking, RFC 5180, RFC Errata 1752
        2001:3::/32         # AMT, RFC 7450 (globally reachable)
        2001:4:112::/48     # AS112-v6, RFC 7535 (globally reachable)
        2001:10::/28        # Deprecated (previously ORCHID), RFC 4843
        2001:20::/28        # ORCHIDv2, RFC 7343 (globally reachable)
        2001:30::/28        # Drone Remote ID Protocol Entity Tags (DETs) Prefix, RFC 9374 (globally reachable)
        2002::/16           # 6to4, RFC 3056
        2620:4f:8000::/48   # Direct Delegation AS112 Service, RFC 7534 (globally reachable)
        5f00::/16           # Segment Routing (SRv6) SIDs, RFC 9602
        fc00::/7            # Unique-Local, RFC 4193, RFC 8190
        fe80::/10           # Link-Local Unicast, RFC 4291
        ff00::/8            # Multicast, RFC 4291 §2.7 (not in the special-purpose registry)
        fec0::/10           # Deprecated site-local, RFC 3879 (not in the registry)
        ::/96               # Deprecated IPv4-compatible addresses, RFC 4291 §2.5.5.1 (not in the registry)
        """

    /// The documentation address blocks, separate so a demo or test set-up can allow them.
    static let ianaDocumentation = """
        192.0.2.0/24        # Documentation (TEST-NET-1), RFC 5737
        198.51.100.0/24     # Documentation (TEST-NET-2), RFC 5737
        203.0.113.0/24      # Documentation (TEST-NET-3), RFC 5737
        233.252.0.0/24      # Multicast documentation (MCAST-TEST-NET), RFC 5771 §9.2, RFC 6676
        2001:db8::/32       # Documentation, RFC 3849
        3fff::/20           # Documentation, RFC 9637
        """

    /// IANA Special-Use Domain Names registry and other names that are never delegated
    /// in the public DNS, except the documentation names (in `reservedTLDsDocumentation`).
    static let reservedTLDs = """
        *.invalid           # RFC 2606 §2, RFC 6761 §6.4
        *.localhost         # RFC 2606 §2, RFC 6761 §6.3
        *.local             # Multicast DNS, RFC 6762 §3
        *.onion             # Tor onion services, RFC 7686
        *.alt               # Non-DNS name spaces, RFC 9476
        *.internal          # Private use, ICANN Board resolution 2024.07.29.06 (not an RFC)
        *.home.arpa         # Residential home networks, RFC 8375
        *.arpa              # Infrastructure only, RFC 3172 (covers the .arpa entries below)
        *.6tisch.arpa       # RFC 9031
        *.ipv4only.arpa     # NAT64 prefix discovery, RFC 7050, RFC 8880
        *.resolver.arpa     # Discovery of designated resolvers, RFC 9462
        *.service.arpa      # DNS-SD over unicast, RFC 9665
        *.10.in-addr.arpa   # Reverse zones of RFC 1918 space, RFC 6761 §6.1
        *.16.172.in-addr.arpa
        *.17.172.in-addr.arpa
        *.18.172.in-addr.arpa
        *.19.172.in-addr.arpa
        *.20.172.in-addr.arpa
        *.21.172.in-addr.arpa
        *.22.172.in-addr.arpa
        *.23.172.in-addr.arpa
        *.24.172.in-addr.arpa
        *.25.172.in-addr.arpa
        *.26.172.in-addr.arpa
        *.27.172.in-addr.arpa
        *.28.172.in-addr.arpa
        *.29.172.in-addr.arpa
        *.30.172.in-addr.arpa
        *.31.172.in-addr.arpa
        *.168.192.in-addr.arpa
        *.170.0.0.192.in-addr.arpa  # NAT64 discovery, RFC 8880
        *.171.0.0.192.in-addr.arpa  # NAT64 discovery, RFC 8880
        *.254.169.in-addr.arpa  # Link-local reverse zone, RFC 6762 §4
        *.8.e.f.ip6.arpa    # fe80::/10 reverse zones, RFC 6762 §4
        *.9.e.f.ip6.arpa
        *.a.e.f.ip6.arpa
        *.b.e.f.ip6.arpa
        """

    /// The names reserved for documentation and testing, separate so a demo or test
    /// set-up can allow them.
    static let reservedTLDsDocumentation = """
        *.test              # Testing, RFC 2606 §2, RFC 6761 §6.2
        *.example           # Documentation, RFC 2606 §2, RFC 6761 §6.5
        *.example.com       # Documentation, RFC 2606 §3, RFC 6761 §6.5
        *.example.net       # Documentation, RFC 2606 §3, RFC 6761 §6.5
        *.example.org       # Documentation, RFC 2606 §3, RFC 6761 §6.5
        """
}
