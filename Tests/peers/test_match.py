"""`vigil match` end to end: every telemetry format from a file, from standard input and gzip
compressed, the sightings it stores seen through the API by exactly the users who may see the
indicators, client addresses pseudonymised, and the running server's matcher reloaded (by the API
and by SIGHUP) while it serves."""
import gzip
import json
import signal
import time
from pathlib import Path

import pytest
import requests

from conftest import run, start

SAMPLES = Path(__file__).resolve().parent.parent / "VigilMatchTests" / "Telemetry" / "Samples"

# Sample, format, hits as the Swift scanner tests count them (with the RED /32 inside the /24).
FORMATS = [
    ("unbound.log", "unbound", 3), ("bind.log", "bind", 3), ("zeek-dns.log", "zeek-dns", 1),
    ("zeek-dns.json", "zeek-dns", 2), ("zeek-conn.log", "zeek-conn", 3), ("flows.csv", "flow-csv", 5),
    ("squid-access.log", "squid", 5), ("zeek-http.log", "zeek-http", 3),
]


def vigil_json(vigil_bin, data, *args, stdin=None):
    result = run(vigil_bin, *args, "--json", data=data, stdin=stdin)
    assert result.returncode == 0, f"vigil {' '.join(args)}: {result.stderr}"
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def data(vigil_bin, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("match")
    data = tmp / "data"
    assert run(vigil_bin, "init", data=data).returncode == 0
    config = data / "vigil.yaml"
    # The samples use documentation names and ranges, which the warning lists would suppress.
    config.write_text(config.read_text().replace("  exclude: []", "  exclude: [iana-documentation, reserved-tlds-documentation]")
                      .replace("reload_check_seconds: 30", "reload_check_seconds: 1"))
    for org in ("ISP One", "Other ISP"):
        assert run(vigil_bin, "org", "add", org, data=data).returncode == 0
    # ISP One's network holds the client of line 2 of flows.csv (an import updates the organisation).
    orgs = tmp / "orgs.csv"
    orgs.write_text("name,prefixes\nISP One,10.1.2.3/32\n")
    assert run(vigil_bin, "org", "import", str(orgs), data=data).returncode == 0
    for user, role, org in (("isp-analyst", "analyst", "ISP One"), ("isp-op", "operator", "ISP One"),
                            ("other-analyst", "analyst", "Other ISP")):
        added = run(vigil_bin, "user", "add", user, "--role", role, "--organisation", org, "--password-stdin",
                    data=data, stdin="correct-horse-battery-staple\n")
        assert added.returncode == 0, added.stderr
    green = [("www.evil-domain.example", "domain"), ("bad-cdn.example.net", "domain-suffix"),
             ("evil-domain.example", "domain"), ("198.51.100.0/24", "cidr4"), ("203.0.113.200", "ipv4"),
             ("2001:db8:bad::/48", "cidr6"), ("http://benign.example.org:8080/phish/login.php", "url"),
             ("http://www.evil-domain.example/landing?id=1", "url")]
    for value, kind in green:
        vigil_json(vigil_bin, data, "indicator", "add", value, "--type", kind, "--tlp", "GREEN", "--confidence", "90")
    vigil_json(vigil_bin, data, "indicator", "add", "198.51.100.7", "--type", "ipv4", "--tlp", "RED",
               "--confidence", "90", "--as", "isp-analyst")
    return data


@pytest.mark.parametrize("sample,fmt,hits", FORMATS)
def test_every_format_from_a_file_stdin_and_gzip(vigil_bin, data, tmp_path, sample, fmt, hits):
    path = SAMPLES / sample
    from_file = vigil_json(vigil_bin, data, "match", "--format", fmt, "--dry-run", str(path))["reports"][0]
    assert from_file["statistics"]["hits"] == hits, from_file
    assert from_file["input"] == str(path)
    # Malformed lines are sampled with their line number and reason, never fatal.
    assert all(s["line"] > 0 and s["reason"] for s in from_file["statistics"]["samples"])
    assert from_file["statistics"]["malformed"] == len(from_file["statistics"]["samples"]) > 0
    from_stdin = vigil_json(vigil_bin, data, "match", "--format", fmt, "--dry-run", stdin=path.read_text())["reports"][0]
    assert from_stdin["input"] == "-"
    # (Text mode turns CRLF into LF on the way in, so the byte counts may differ.)
    assert {**from_stdin["statistics"], "bytes": 0} == {**from_file["statistics"], "bytes": 0}
    packed = tmp_path / (sample + ".gz")
    packed.write_bytes(gzip.compress(path.read_bytes()))
    from_gzip = vigil_json(vigil_bin, data, "match", "--format", fmt, "--dry-run", "--threads", "2", str(packed))
    assert from_gzip["reports"][0]["statistics"]["hits"] == hits


def test_unknown_format_and_missing_file_are_reported(vigil_bin, data, tmp_path):
    bad = run(vigil_bin, "match", "--format", "netflow-v9", str(SAMPLES / "flows.csv"), data=data)
    assert bad.returncode == 2 and "unknown format netflow-v9" in bad.stderr
    missing = run(vigil_bin, "match", "--format", "unbound", str(tmp_path / "nope.log"), str(SAMPLES / "unbound.log"),
                  data=data)
    # The readable file is still matched; the missing one is named.
    assert missing.returncode == 1
    assert "nope.log" in missing.stdout and "unbound.log: 9 lines" in missing.stdout


def token(vigil_bin, data, user):
    return vigil_json(vigil_bin, data, "token", "create", "--user", user)["secret"]


def test_sightings_reach_exactly_the_users_who_may_see_the_indicator(vigil_bin, data, tmp_path):
    stored = vigil_json(vigil_bin, data, "match", "--format", "flow-csv", "--observer", "fw-edge", str(SAMPLES / "flows.csv"))
    assert stored["reports"][0]["statistics"]["hits"] == 5 and stored["reports"][0]["sightingRows"] >= 4
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "serve")
    try:
        def sightings(user, **params):
            answer = requests.get(server.url + "/api/v1/sightings", params={"observer": "fw-edge", **params},
                                  headers={"Authorization": "Bearer " + token(vigil_bin, data, user)}, timeout=10)
            assert answer.status_code == 200, answer.text
            return answer.json()

        admin = {row["indicator_value"] for row in sightings("admin")}
        # The RED address belongs to ISP One: the CERT's admin does not see it, ISP One does.
        assert admin == {"198.51.100.0/24", "203.0.113.200", "2001:db8:bad::/48"}
        isp = sightings("isp-analyst")
        assert {row["indicator_value"] for row in isp} >= {"198.51.100.7"}
        red = [row for row in isp if row["indicator_value"] == "198.51.100.7"]
        # Lines 2 and 7 of flows.csv hold 198.51.100.7 (as destination, then as source): the /32 wins
        # over the /24 around it.
        assert sum(row["count"] for row in red) == 2
        assert {row["client"][:2] for row in red} == {"p:"} and "10.1.2.3" not in json.dumps(isp)
        # An operator sees the sightings of clients in its own network only (line 2's 10.1.2.3, not
        # line 7's); another organisation none of them.
        own = sightings("isp-op")
        assert {row["indicator_value"] for row in own} == {"198.51.100.7"} and sum(row["count"] for row in own) == 1
        assert "198.51.100.7" not in {row["indicator_value"] for row in sightings("other-analyst")}
        red_id = red[0]["indicator_id"]
        assert sightings("other-analyst", indicator_id=red_id) == []
        detail = requests.get(server.url + f"/api/v1/indicators/{red_id}",
                              headers={"Authorization": "Bearer " + token(vigil_bin, data, "isp-analyst")}, timeout=10)
        assert detail.json()["sightings"]["count"] == 2 and detail.json()["sightings"]["observers"] == 1
        unauthenticated = requests.get(server.url + "/api/v1/sightings", timeout=10)
        assert unauthenticated.status_code == 401
    finally:
        server.stop()


def test_running_server_reloads_its_matcher(vigil_bin, data, tmp_path):
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "serve-reload")
    try:
        headers = {"Authorization": "Bearer " + token(vigil_bin, data, "admin")}
        line = "[1795651201] unbound[1:0] info: 192.0.2.77 fresh.new-threat.example. A IN\n"

        def post():
            answer = requests.post(server.url + "/api/v1/telemetry", params={"format": "unbound", "observer": "resolver-9"},
                                   data=line.encode(), headers=headers, timeout=10)
            assert answer.status_code == 200, answer.text
            return answer.json()

        assert post()["statistics"]["hits"] == 0
        before = requests.get(server.url + "/api/v1/matcher", headers=headers, timeout=10).json()["generation"]
        vigil_json(vigil_bin, data, "indicator", "add", "new-threat.example", "--type", "domain-suffix", "--tlp", "GREEN")
        # The store changed: the check (every second here) recompiles without being asked.
        deadline = time.time() + 20
        while post()["statistics"]["hits"] == 0:
            assert time.time() < deadline, "the matcher did not pick up the new indicator"
            time.sleep(0.3)
        state = requests.get(server.url + "/api/v1/matcher", headers=headers, timeout=10).json()
        assert state["generation"] > before
        reloaded = requests.post(server.url + "/api/v1/matcher/reload", headers=headers, timeout=30).json()
        assert reloaded["generation"] == state["generation"] + 1 and reloaded["indicators"] >= 10
        server.process.send_signal(signal.SIGHUP)
        deadline = time.time() + 20
        while requests.get(server.url + "/api/v1/matcher", headers=headers, timeout=10).json()["generation"] <= reloaded["generation"]:
            assert time.time() < deadline, "SIGHUP did not recompile the matcher"
            time.sleep(0.3)
        operator = {"Authorization": "Bearer " + token(vigil_bin, data, "isp-op")}
        refused = requests.post(server.url + "/api/v1/matcher/reload", headers=operator, timeout=10)
        assert refused.status_code == 403
        assert "matcher compiled" in server.log.read_text()
    finally:
        server.stop()


def test_follow_survives_kill_9_without_losing_or_repeating_a_sighting(vigil_bin, data, tmp_path):
    import subprocess
    log = tmp_path / "resolver.log"
    hit = "[1795651200] unbound[1:0] info: 192.0.2.50 www.evil-domain.example. A IN\n"
    miss = "[1795651200] unbound[1:0] info: 192.0.2.50 quiet.example.org. A IN\n"
    log.write_text((hit + miss) * 100)

    def follow():
        return subprocess.Popen([vigil_bin, "match", "--format", "unbound", "--observer", "killed", "--follow", str(log),
                                 "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def counted():
        import sqlite3
        with sqlite3.connect(data / "vigil.sqlite") as db:
            total = db.execute("SELECT COALESCE(SUM(count), 0) FROM sightings WHERE observer = 'killed'").fetchone()[0]
            raw = db.execute("SELECT COUNT(*), COUNT(DISTINCT line) FROM sighting_hits WHERE observer = 'killed'").fetchone()
        return total, raw

    def wait_for(expected):
        deadline = time.time() + 30
        while counted()[0] < expected:
            assert time.time() < deadline, f"only {counted()} of {expected} sightings"
            time.sleep(0.2)

    first = follow()
    try:
        wait_for(100)
        with log.open("a") as out:
            out.write((hit + miss) * 50)
        wait_for(150)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    # Lines written while no follower runs are picked up by the next one, after the checkpoint.
    with log.open("a") as out:
        out.write((hit + miss) * 25)
    second = follow()
    try:
        wait_for(175)
        time.sleep(1)
        total, (raw, distinct) = counted()
        assert total == 175 and raw == 175 and distinct == 175
    finally:
        second.terminate()
        second.wait(timeout=10)


def test_serve_runs_a_syslog_sensor_over_udp_and_tcp(vigil_bin, tmp_path):
    import socket
    from conftest import free_port
    data = tmp_path / "data"
    assert run(vigil_bin, "init", data=data).returncode == 0
    config = data / "vigil.yaml"
    port = free_port()
    text = config.read_text().replace("  exclude: []", "  exclude: [iana-documentation, reserved-tlds-documentation]")
    config.write_text(text.replace("\nsensors: []\n", f"""
sensors:
  - name: edge-syslog
    format: unbound
    syslog: 127.0.0.1:{port}
"""))
    vigil_json(vigil_bin, data, "indicator", "add", "bad-cdn.example.net", "--type", "domain-suffix", "--tlp", "GREEN")
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "serve-syslog")
    try:
        deadline = time.time() + 20
        while "sensor listening for syslog" not in server.log.read_text():
            assert time.time() < deadline, server.log.read_text()
            time.sleep(0.2)
        bsd = "<30>Nov 26 00:00:01 resolver unbound: [812:0] info: 192.0.2.10 a.bad-cdn.example.net. A IN"
        modern = "<30>1 2026-11-26T00:00:02Z resolver unbound 812 - - info: 192.0.2.11 b.bad-cdn.example.net. A IN"
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.sendto(bsd.encode(), ("127.0.0.1", port))
            udp.sendto(modern.encode(), ("127.0.0.1", port))
            udp.sendto(b"no priority here", ("127.0.0.1", port))
        with socket.create_connection(("127.0.0.1", port)) as tcp:
            framed = modern.replace("192.0.2.11", "192.0.2.12").encode()
            tcp.sendall(bsd.replace("192.0.2.10", "192.0.2.13").encode() + b"\n" + str(len(framed)).encode() + b" " + framed)
        headers = {"Authorization": "Bearer " + token(vigil_bin, data, "admin")}
        deadline = time.time() + 20
        while True:
            rows = requests.get(server.url + "/api/v1/sightings", params={"observer": "edge-syslog"}, headers=headers,
                                timeout=10).json()
            if sum(row["count"] for row in rows) >= 4:
                break
            assert time.time() < deadline, f"sightings so far: {rows}\n{server.log.read_text()}"
            time.sleep(0.3)
        assert sum(row["count"] for row in rows) == 4
        assert len({row["client"] for row in rows}) == 4
        metrics = requests.get(server.url + "/metrics", timeout=10).text
        hits = [line for line in metrics.splitlines()
                if line.startswith("vigil_match_hits_total{") and 'observer="edge-syslog"' in line]
        assert hits and float(hits[0].split()[-1]) == 4, metrics
        rejected = [line for line in metrics.splitlines() if line.startswith("vigil_syslog_rejected_messages_total{")]
        assert rejected and float(rejected[0].split()[-1]) == 1, metrics
    finally:
        server.stop()
