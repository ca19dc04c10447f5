#!/usr/bin/env python3
"""Peer for `vigil-bench canonicalise`: canonicalise the same generated values with the
tools a Python user would reach for (ipaddress, the stdlib idna codec, urllib.parse,
str.lower, re), and print the rate.

usage: canonicalise.py FILE [--out OUT]
FILE has one `type<TAB>raw` per line (written by `vigil-bench canonicalise --emit FILE`).
The last line printed is JSON: {"items": N, "seconds": S, "errors": E}.
With --out, the canonical forms are written one per line (`<error>` on failure).
"""
import encodings.idna  # noqa: F401  (registers the 'idna' codec)
import ipaddress
import json
import re
import sys
import time
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
PCT = re.compile(r"%([0-9A-Fa-f]{2})")
ASN = re.compile(r"(?:[Aa][Ss][Nn]?)?(\d+)(?:\.(\d+))?")


def domain(s):
    s = s.strip()
    if s.endswith("."):
        s = s[:-1]
    return s.encode("idna").decode("ascii").lower()


def domain_suffix(s):
    s = s.strip()
    if s.startswith("*."):
        s = s[2:]
    elif s.startswith("."):
        s = s[1:]
    return domain(s)


def ipv6(s):
    s = s.strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1]
    return str(ipaddress.IPv6Address(s))


def pct_normalise(s):
    def fix(m):
        c = chr(int(m.group(1), 16))
        return c if c in UNRESERVED else "%" + m.group(1).upper()
    return PCT.sub(fix, s)


def remove_dot_segments(path):
    out = []
    segments = path.split("/")[1:]
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if out:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    return "/" + "/".join(out)


def url(s):
    p = urlsplit(s.strip())
    scheme = p.scheme.lower()
    host = p.hostname
    if ":" in host:
        host = "[" + str(ipaddress.IPv6Address(host)) + "]"
    elif not host.replace(".", "").isdigit():
        host = domain(host)
    port = p.port
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else "%s:%d" % (host, port)
    path = remove_dot_segments(pct_normalise(p.path)) if p.path else "/"
    result = scheme + "://" + netloc + path
    if p.query:
        result += "?" + pct_normalise(p.query)
    return result


def email(s):
    local, _, dom = s.strip().rpartition("@")
    return local.lower() + "@" + domain(dom)


def hexhash(n):
    def f(s):
        s = s.strip().lower()
        if len(s) != n:
            raise ValueError("length")
        int(s, 16)
        return s
    return f


def asn(s):
    m = ASN.fullmatch(s.strip())
    v = int(m.group(1)) if m.group(2) is None else (int(m.group(1)) << 16) + int(m.group(2))
    if not 0 < v < 2 ** 32:
        raise ValueError("range")
    return "AS%d" % v


CANON = {
    "ipv4": lambda s: str(ipaddress.IPv4Address(s.strip())),
    "ipv6": ipv6,
    "cidr4": lambda s: str(ipaddress.IPv4Network(s.strip(), strict=False)),
    "cidr6": lambda s: str(ipaddress.IPv6Network(s.strip(), strict=False)),
    "domain": domain,
    "domain-suffix": domain_suffix,
    "url": url,
    "email": email,
    "md5": hexhash(32),
    "sha1": hexhash(40),
    "sha256": hexhash(64),
    "asn": asn,
}


def main():
    args = sys.argv[1:]
    out_path = None
    if "--out" in args:
        i = args.index("--out")
        out_path = args[i + 1]
        del args[i:i + 2]
    with open(args[0], encoding="utf-8") as f:
        items = [line.rstrip("\n").split("\t", 1) for line in f]
    results = []
    errors = 0
    start = time.perf_counter()
    for t, raw in items:
        try:
            results.append(CANON[t](raw))
        except Exception:
            errors += 1
            results.append("<error>")
    seconds = time.perf_counter() - start
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write("\n".join(results))
    print("python %s: %d values in %.3f s = %.0f/s, %d errors" % (
        sys.version.split()[0], len(items), seconds, len(items) / seconds, errors))
    print(json.dumps({"items": len(items), "seconds": seconds, "errors": errors}))


if __name__ == "__main__":
    main()
