#!/usr/bin/env python3
"""The script a CERT would write instead of Vigil's RPZ exporter: read the active, unsuppressed
indicators up to TLP:GREEN from Vigil's SQLite table and write an RPZ zone (QNAME triggers, `*.`
for subdomains, rpz-ip triggers through the ipaddress module).

Usage: rpz_from_sqlite.py VIGIL.sqlite OUT.rpz
Prints as its last line: {"items": <entries>, "seconds": <s>} (the vigil-bench peer protocol).
"""
import ipaddress
import json
import sqlite3
import sys
import time


def ip_trigger(text):
    network = ipaddress.ip_network(text if "/" in text else text + ("/128" if ":" in text else "/32"))
    if network.version == 4:
        return f"{network.prefixlen}." + ".".join(reversed(str(network.network_address).split(".")))
    groups = [format(int(g, 16), "x") for g in network.network_address.exploded.split(":")][::-1]
    best, start = (0, -1), None
    for i, group in enumerate(groups + ["x"]):
        if group == "0" and start is None:
            start = i
        elif group != "0" and start is not None:
            if i - start >= 2 and i - start >= best[0]:
                best = (i - start, start)
            start = None
    if best[1] >= 0:
        groups[best[1]:best[1] + best[0]] = ["zz"]
    return f"{network.prefixlen}." + ".".join(groups)


def main(database, out):
    start = time.perf_counter()
    db = sqlite3.connect(database)
    rows = db.execute("""SELECT type, value FROM indicators WHERE status = 'active' AND suppressed_by IS NULL
        AND type IN ('domain', 'domain-suffix', 'ipv4', 'ipv6', 'cidr4', 'cidr6') AND tlp IN ('CLEAR', 'GREEN')
        AND confidence >= 50""")
    owners = set()
    entries = 0
    for kind, value in rows:
        entries += 1
        if kind == "domain":
            owners.add(value)
        elif kind == "domain-suffix":
            owners.add(value)
            owners.add("*." + value)
        else:
            owners.add(ip_trigger(value) + ".rpz-ip")
    with open(out, "w") as zone:
        zone.write("$ORIGIN bench.rpz.vigil.\n$TTL 300\n@ SOA localhost. hostmaster.localhost. 1 3600 600 604800 300\n"
                   "@ NS localhost.\n")
        zone.writelines(f"{owner} CNAME .\n" for owner in sorted(owners))
    print(json.dumps({"items": entries, "seconds": round(time.perf_counter() - start, 3)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
