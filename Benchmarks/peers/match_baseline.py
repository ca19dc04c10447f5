#!/usr/bin/env python3
r"""The matcher a CERT would write in Python instead of running `vigil match`: read a list of
indicators, then a DNS query log (Unbound's log-queries lines) or a flow log (CSV with src_ip and
dst_ip columns), and count the log's hits. Vigil's matcher is benchmarked against it (and against
match_baseline.c, which counts the same things the same way), so the counts must agree exactly.

Usage: match_baseline.py unbound|flow-csv INDICATORS LOG|- [--pytricia]
Prints one line: lines=N hits=H malformed=M indicators=I bytes_per_indicator=-

Names: two sets (exact, with-subdomains) and a walk over the name's parents. Addresses: one set of
masked integers per prefix length in use, probed longest first; with --pytricia, a
pytricia.PyTricia(32) and PyTricia(128) instead (pip install pytricia).

Indicators are `TYPE<TAB>VALUE` lines (domain, domain-suffix, ipv4, ipv6, cidr4, cidr6; other
types are skipped and not counted; blank lines and lines starting with `#` are ignored). Domains
are folded to lower case (ASCII) with one trailing dot dropped; ones longer than 253 bytes, and
addresses that do not parse, are skipped and reported on stderr. Addresses are parsed with
inet_pton, as the C baseline does, so both take exactly the same text; host bits are masked off.

Log lines end at b"\n", one b"\r" before it is dropped; a last line without b"\n" counts.
unbound: after the first b"info: " come client, name, type and class (runs of ASCII whitespace
separate them); fewer than four tokens or no b"info: " is malformed. flow-csv: blank lines and
lines starting with `#` are skipped; the first other line is the header, where the first columns
named src_ip and dst_ip (trimmed) are used; a row too short for both, or with either not an
address, is malformed; otherwise each address inside a listed network is one hit (an IPv4-mapped
IPv6 address that no IPv6 entry covers is looked up as IPv4, as Vigil does). N counts every line
read (flow-csv: the header and skipped lines too).
"""
import socket
import sys

AF_INET, AF_INET6 = socket.AF_INET, socket.AF_INET6
inet_pton = socket.inet_pton
MAX_NAME = 253
SKIP_START = (b"#", b"\n", b"\r")  # first bytes of the lines that may be skipped
V4_MAPPED = bytes(10) + b"\xff\xff"
TYPES = {b"domain", b"domain-suffix", b"ipv4", b"ipv6", b"cidr4", b"cidr6"}


def strip_eol(line):
    """The line without its b"\\n" and one b"\\r" before it."""
    if line[-1:] == b"\n":
        line = line[:-1]
    if line[-1:] == b"\r":
        line = line[:-1]
    return line


def parse_address(text, family):
    """inet_pton on a bytes value; None if it is not an address of that family."""
    try:
        return inet_pton(family, text.decode("latin-1"))
    except (OSError, ValueError):  # ValueError: an embedded NUL
        return None


def parse_network(value, family, with_length):
    """(packed address, prefix length) or None. A length is 1-4 digits after one slash."""
    bits = 32 if family == AF_INET else 128
    address, slash, length = value.partition(b"/")
    if slash and not with_length:
        return None
    if slash and not (1 <= len(length) <= 4 and length.isdigit() and int(length) <= bits):
        return None
    packed = parse_address(address, family)
    if packed is None:
        return None
    return packed, int(length) if slash else bits


def load_indicators(path):
    """Returns (exact names, suffix names, {len: set of ints} for v4, same for v6, count)."""
    exact, suffix, v4, v6 = set(), set(), {}, {}
    count = skipped = 0
    with open(path, "rb") as handle:
        for line in handle:
            line = strip_eol(line)
            if not line.strip() or line[:1] == b"#":
                continue
            kind, tab, value = line.partition(b"\t")
            if not tab:
                skipped += 1
                continue
            kind = kind.strip()
            if kind not in TYPES:
                continue
            value = value.strip()
            if kind == b"domain" or kind == b"domain-suffix":
                value = value.lower()  # bytes.lower folds ASCII only, like the C baseline
                if value[-1:] == b".":
                    value = value[:-1]
                if not value or len(value) > MAX_NAME:
                    skipped += 1
                    continue
                (exact if kind == b"domain" else suffix).add(value)
            else:
                family = AF_INET if kind in (b"ipv4", b"cidr4") else AF_INET6
                network = parse_network(value, family, kind.startswith(b"cidr"))
                if network is None:
                    skipped += 1
                    continue
                packed, length = network
                bits = len(packed) * 8
                mask = ((1 << length) - 1) << (bits - length)
                (v4 if family == AF_INET else v6).setdefault(length, set()).add(
                    int.from_bytes(packed, "big") & mask)
            count += 1
    if skipped:
        print(f"match_baseline.py: {skipped} indicator lines not understood, skipped", file=sys.stderr)
    return exact, suffix, v4, v6, count


def prefix_matchers(v4, v6, use_pytricia):
    """Two functions, packed address -> bool, for IPv4 and IPv6."""
    if use_pytricia:
        try:
            import pytricia
        except ImportError:
            sys.exit("match_baseline.py: --pytricia needs the pytricia module (pip install pytricia)")
        tries = []
        for bits, tables in ((32, v4), (128, v6)):
            trie = pytricia.PyTricia(bits)
            for length, keys in tables.items():
                for key in keys:
                    trie.insert(key.to_bytes(bits // 8, "big"), length, True)
            tries.append(trie)
        hit4, in6 = tries[0].__contains__, tries[1].__contains__  # PyTricia's `in`: longest-prefix match
    else:
        def matcher(tables, bits):
            # (mask, set) for each length in use, longest first
            probes = [(((1 << n) - 1) << (bits - n), tables[n]) for n in sorted(tables, reverse=True)]

            def hit(packed):
                a = int.from_bytes(packed, "big")
                for mask, keys in probes:
                    if (a & mask) in keys:
                        return True
                return False
            return hit
        hit4, in6 = matcher(v4, 32), matcher(v6, 128)

    def hit6(packed):
        # As in Vigil: an IPv4-mapped address no IPv6 entry covers is looked up as IPv4 too.
        return in6(packed) or (packed[:12] == V4_MAPPED and hit4(packed[12:]))
    return hit4, hit6


def match_unbound(handle, exact, suffix):
    lines = hits = malformed = 0
    for line in handle:
        lines += 1
        i = line.find(b"info: ")
        tokens = line[i + 6:].split(None, 3) if i >= 0 else ()
        if len(tokens) < 4:
            malformed += 1
            continue
        name = tokens[1].lower()
        if name[-1:] == b".":
            name = name[:-1]
        if not name:
            continue
        if name in exact or name in suffix:
            hits += 1
            continue
        dot = name.find(b".")
        while dot >= 0:
            if name[dot + 1:] in suffix:
                hits += 1
                break
            dot = name.find(b".", dot + 1)
    return lines, hits, malformed


def match_flows(handle, hit4, hit6):
    lines = hits = malformed = 0
    src = dst = last = -1
    for line in handle:
        lines += 1  # every line counts, the header too (as in Vigil's statistics)
        if line[:1] in SKIP_START and (line[:1] == b"#" or not strip_eol(line)):
            continue  # blank lines and comments
        if last < 0:
            columns = [c.strip() for c in strip_eol(line).split(b",")]
            if b"src_ip" not in columns or b"dst_ip" not in columns:
                sys.exit("match_baseline.py: flow-csv header names no src_ip or no dst_ip column")
            src, dst = columns.index(b"src_ip"), columns.index(b"dst_ip")
            last = max(src, dst)
            continue
        # Split no further than needed; only when the last wanted column ends the row does
        # it carry the line ending.
        fields = line.split(b",", last + 1)
        if len(fields) <= last:
            malformed += 1
            continue
        if len(fields) == last + 1:
            fields[last] = strip_eol(fields[last])
        row_hits = 0
        for text in (fields[src], fields[dst]):
            if b":" in text:
                packed = parse_address(text, AF_INET6)
                if packed is None:
                    break
                row_hits += hit6(packed)
            else:
                packed = parse_address(text, AF_INET)
                if packed is None:
                    break
                row_hits += hit4(packed)
        else:
            hits += row_hits
            continue
        malformed += 1
    return lines, hits, malformed


def main(argv):
    use_pytricia = "--pytricia" in argv
    args = [a for a in argv if a != "--pytricia"]
    if len(args) != 3 or args[0] not in ("unbound", "flow-csv"):
        sys.exit("usage: match_baseline.py unbound|flow-csv INDICATORS LOG|- [--pytricia]")
    log_format, indicators, log = args
    exact, suffix, v4, v6, count = load_indicators(indicators)
    handle = sys.stdin.buffer if log == "-" else open(log, "rb", buffering=1 << 20)
    with handle:
        if log_format == "unbound":
            lines, hits, malformed = match_unbound(handle, exact, suffix)
        else:
            hit4, hit6 = prefix_matchers(v4, v6, use_pytricia)
            lines, hits, malformed = match_flows(handle, hit4, hit6)
    print(f"lines={lines} hits={hits} malformed={malformed} indicators={count} bytes_per_indicator=-")


if __name__ == "__main__":
    main(sys.argv[1:])
