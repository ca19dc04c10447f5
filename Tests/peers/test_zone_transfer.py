"""Zone transfer with the real secondaries: BIND (`named`) takes the RPZ zone by AXFR and, after a
NOTIFY, the change by IXFR; Unbound follows the zone from Vigil as its primary and stops blocking
a name as soon as an appeal for it is accepted; dig's AXFR equals the zone file Vigil serves."""
import json
import subprocess

import pytest
import requests

from conftest import free_port, run, start
from dns_peers import Unbound, assert_policy_answers, blocklist_data, dig, need, wait_for

ZONES = ("malware-dns", "phishing-garden")


@pytest.fixture(scope="module")
def ports():
    return {"vigil": free_port(), "bind": free_port(), "unbound": free_port()}


@pytest.fixture(scope="module")
def data(vigil_bin, tmp_path_factory, ports):
    tmp = tmp_path_factory.mktemp("zone-transfer")
    return blocklist_data(vigil_bin, tmp, f"""zone_transfer:
  listen: 127.0.0.1:{ports['vigil']}
  check_seconds: 30
  secondaries:
    - address: 127.0.0.1
      notify: 127.0.0.1:{ports['bind']}
    - address: 127.0.0.1
      organisation: Nobody Special
      notify: 127.0.0.1:{ports['unbound']}
""")


def axfr(port, zone):
    result = subprocess.run(["dig", "+tries=1", "+time=5", "-p", str(port), "@127.0.0.1", zone, "AXFR"],
                            capture_output=True, text=True)
    return [line.split() for line in result.stdout.splitlines() if line and not line.startswith(";")]


def serial(port, zone):
    result = subprocess.run(["dig", "+short", "+tries=1", "+time=2", "-p", str(port), "@127.0.0.1", zone, "SOA"],
                            capture_output=True, text=True)
    fields = result.stdout.split()
    return int(fields[2]) if len(fields) == 7 and fields[2].isdigit() else None


class Bind:
    """`named` as a secondary of Vigil for every test zone, on its own loopback port."""

    def __init__(self, directory, port, primary_port):
        need("named", "dig")
        self.port = port
        zones = "".join(f"""
zone "{zone}.rpz.vigil" {{
    type secondary;
    primaries {{ 127.0.0.1 port {primary_port}; }};
    file "{directory}/{zone}.db";
    allow-notify {{ 127.0.0.1; }};
    request-ixfr yes;
}};
""" for zone in ZONES)
        config = directory / "named.conf"
        config.write_text(f"""options {{
    directory "{directory}";
    pid-file "{directory}/named.pid";
    listen-on port {port} {{ 127.0.0.1; }};
    listen-on-v6 {{ none; }};
    recursion no;
    notify no;
    dnssec-validation no;
    allow-query {{ 127.0.0.1; }};
}};
controls {{ }};
{zones}""")
        checked = subprocess.run(["named-checkconf", str(config)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        self.log = directory / "named.log"
        self.process = subprocess.Popen(["named", "-g", "-c", str(config)], stdout=open(self.log, "w"),
                                        stderr=subprocess.STDOUT)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def appeal_and_accept(server, token, resource):
    filed = requests.post(f"{server.url}/api/v1/appeals", timeout=10, json={
        "resource": resource, "reason": "cleaned", "contact_email": f"admin@{resource}"})
    assert filed.status_code == 201, filed.text
    staff = {"Authorization": f"Bearer {token}"}
    appeal = next(a for a in requests.get(f"{server.url}/api/v1/appeals", headers=staff, timeout=10).json()
                  if a["resource"] == resource)
    accepted = requests.post(f"{server.url}/api/v1/appeals/{appeal['id']}/accept", headers=staff,
                             json={"reason": "verified clean"}, timeout=10)
    assert accepted.status_code == 200, accepted.text


def test_secondaries_follow_the_zones_by_axfr_and_ixfr(vigil_bin, data, ports, tmp_path):
    created = run(vigil_bin, "token", "create", "--user", "admin", "--name", "zones", "--json", data=data)
    assert created.returncode == 0, created.stderr
    token = json.loads(created.stdout)["secret"]
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "serve")
    bind = unbound = None
    try:
        # dig's AXFR holds exactly the records of the zone file served at /feeds/.
        for zone in ZONES:
            records = wait_for(lambda: axfr(ports["vigil"], f"{zone}.rpz.vigil"))
            assert records and records[0][3] == "SOA" and records[-1][3] == "SOA", records
            text = requests.get(f"{server.url}/feeds/{zone}.rpz", params={"token": token}, timeout=10).text
            origin = f".{zone}.rpz.vigil."
            served = sorted(f"{line.split()[0]}{origin} {line.split()[-1]}" for line in text.splitlines() if " CNAME " in line)
            transferred = sorted(f"{r[0]} {r[4]}" for r in records if r[3] == "CNAME")
            assert transferred == served
        status, _ = dig(ports["vigil"], "example.org", "SOA")
        assert status == "REFUSED", "a zone Vigil does not serve is refused"

        bind = Bind(tmp_path, ports["bind"], ports["vigil"])
        first = wait_for(lambda: serial(ports["bind"], "malware-dns.rpz.vigil"))
        assert first, f"BIND did not load the zone: {bind.log.read_text()}"
        assert dig(ports["bind"], "bad-host.example.net.malware-dns.rpz.vigil", "CNAME") == ("NOERROR", ["."])

        clauses = "".join(f'rpz:\n    name: "{zone}.rpz.vigil."\n    primary: 127.0.0.1@{ports["vigil"]}\n'
                          f'    allow-notify: 127.0.0.1\n    zonefile: "{tmp_path}/{zone}.unbound"\n' for zone in ZONES)
        unbound = Unbound(tmp_path, clauses, port=ports["unbound"])
        assert_policy_answers(unbound)

        # An accepted appeal rebuilds the zone at once; NOTIFY brings both secondaries to it.
        appeal_and_accept(server, token, "bad-host.example.net")
        assert wait_for(lambda: serial(ports["bind"], "malware-dns.rpz.vigil") == first + 1), bind.log.read_text()
        assert dig(ports["bind"], "bad-host.example.net.malware-dns.rpz.vigil", "CNAME")[0] == "NXDOMAIN"
        assert dig(ports["bind"], "www.evil-cdn.example.org.malware-dns.rpz.vigil", "CNAME")[0] == "NOERROR"
        # BIND asked for the changes since its serial (IXFR, type 251) and got the deletion alone:
        # old and new SOA around it, and the current SOA at both ends.
        assert f"client_serial={first} messages=1 transport=tcp type=251" in server.log.read_text()
        counts = [int(line.split("Transfer completed: ")[1].split(" records")[0].split(", ")[1])
                  for line in bind.log.read_text().splitlines()
                  if "'malware-dns.rpz.vigil/IN'" in line and "Transfer completed" in line]
        assert counts[-1] == 5 and counts[0] > counts[-1], counts

        status, answers = unbound.wait_until("bad-host.example.net", "NOERROR")
        assert (status, answers) == ("NOERROR", ["192.0.2.10"]), "the appealed name resolves again"
        assert unbound.dig("www.evil-cdn.example.org")[0] == "NXDOMAIN", "the other names stay blocked"
    finally:
        for process in (unbound, bind, server):
            if process:
                process.stop()
