#!/usr/bin/env python3
"""What a CERT would write in Python to find the owner of each sighting's client: the
organisations' prefixes in pytricia trees (one per address family), one longest-prefix lookup
per address. The owner mapping of `vigil-bench owners` is compared with it.

Usage: owners_pytricia.py PREFIXES CLIENTS
PREFIXES: `CIDR<TAB>OWNER` lines; CLIENTS: one address per line.
Prints one JSON line: items, seconds (the lookups only), errors, check ("owned/sum of owners").
"""
import json
import sys
import time

import pytricia


def main(prefix_path, client_path):
    v4, v6 = pytricia.PyTricia(32), pytricia.PyTricia(128)
    with open(prefix_path) as prefixes:
        for line in prefixes:
            prefix, owner = line.split("\t")
            (v6 if ":" in prefix else v4)[prefix] = int(owner)
    with open(client_path) as clients:
        addresses = clients.read().split("\n")
    start = time.perf_counter()
    owned = checksum = errors = 0
    for address in addresses:
        try:
            owner = (v6 if ":" in address else v4).get(address)
        except ValueError:
            errors += 1
            continue
        if owner is not None:
            owned += 1
            checksum += owner
    seconds = time.perf_counter() - start
    print(json.dumps({"items": len(addresses), "seconds": seconds, "errors": errors, "check": f"{owned}/{checksum}"}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
