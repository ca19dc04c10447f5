#!/usr/bin/env python3
"""What a CERT would write with the OASIS `stix2` library to export indicators: per indicator an
Indicator with its pattern, the observable (deterministic id) and a based-on Relationship, all in
one Bundle, serialised. `vigil-bench sharing --peer` compares Vigil's STIX writer with it.

Usage: stix2_export.py INDICATORS   (TYPE<TAB>VALUE lines)
Prints one JSON line: items, seconds, errors.
"""
import json
import sys
import time

import stix2

PATTERNS = {
    "ipv4": ("ipv4-addr", "[ipv4-addr:value = '{}']"), "cidr4": ("ipv4-addr", "[ipv4-addr:value ISSUBSET '{}']"),
    "ipv6": ("ipv6-addr", "[ipv6-addr:value = '{}']"), "cidr6": ("ipv6-addr", "[ipv6-addr:value ISSUBSET '{}']"),
    "domain": ("domain-name", "[domain-name:value = '{}']"), "domain-suffix": ("domain-name", "[domain-name:value = '{}']"),
    "url": ("url", "[url:value = '{}']"), "email": ("email-addr", "[email-addr:value = '{}']"),
}
OBSERVABLES = {"ipv4-addr": stix2.IPv4Address, "ipv6-addr": stix2.IPv6Address, "domain-name": stix2.DomainName,
               "url": stix2.URL, "email-addr": stix2.EmailAddress}


def main(path):
    rows = [line.split("\t", 1) for line in open(path).read().split("\n") if "\t" in line]
    start = time.perf_counter()
    objects, errors = [], 0
    for kind, value in rows:
        try:
            if kind in PATTERNS:
                sco_type, pattern = PATTERNS[kind]
                escaped = value.replace("\\", "\\\\").replace("'", "\\'")
                observable = OBSERVABLES[sco_type](value=value)
            elif kind in ("md5", "sha1", "sha256"):
                algorithm = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256"}[kind]
                pattern, escaped = f"[file:hashes.'{algorithm}' = '{{}}']", value
                observable = stix2.File(hashes={algorithm: value})
            elif kind == "asn":
                pattern, escaped = "[autonomous-system:number = {}]", value[2:]
                observable = stix2.AutonomousSystem(number=int(value[2:]))
            else:
                errors += 1
                continue
            indicator = stix2.Indicator(name=value, pattern=pattern.format(escaped), pattern_type="stix",
                                        valid_from="2026-11-26T00:00:00Z", confidence=70, indicator_types=["malicious-activity"],
                                        object_marking_refs=[stix2.TLP_GREEN])
            objects += [indicator, observable, stix2.Relationship(indicator, "based-on", observable)]
        except Exception:
            errors += 1
    stix2.Bundle(objects=objects, allow_custom=False).serialize()
    seconds = time.perf_counter() - start
    print(json.dumps({"items": len(rows), "seconds": seconds, "errors": errors}))


if __name__ == "__main__":
    main(sys.argv[1])
