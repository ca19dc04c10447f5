"""Blocklists with the real programs that load them: BIND's named-checkzone accepts the RPZ zone,
`nft -c -f` accepts the nftables file, and Unbound — loading the zone from a file and from
Vigil's /feeds/ URL — answers NXDOMAIN for a listed name and its subdomains, the walled garden
where the policy says so, and normally for everything else."""
import json
import os
import shutil
import subprocess
import time

import pytest
import requests

from conftest import free_port, run, start

MALWARE = ["bad-host.example.net", "198.51.100.23", "203.0.113.0/24", "2001:db8:abcd::/48", "2001:db8::1:0:0:7"]
PHISHING = ["login-bank.example.com"]
CONFIG = """
blocklists:
  - name: malware-dns
    types: [domain, domain-suffix, ipv4, ipv6, cidr4, cidr6]
    threat_types: [malware-distribution]
    min_confidence: 50
    max_tlp: GREEN
    action: nxdomain
  - name: phishing-garden
    threat_types: [phishing]
    action: sinkhole:walled-garden.example.net
"""
# A private root for Unbound: names answer from this auth-zone unless an RPZ rewrites them.
ROOT_ZONE = """$ORIGIN .
$TTL 300
. SOA ns.root. hostmaster.root. 1 3600 600 86400 300
. NS ns.root.
ns.root. A 127.0.0.1
bad-host.example.net. A 192.0.2.10
www.evil-cdn.example.org. A 192.0.2.11
evil-cdn.example.org. A 192.0.2.12
good.example.net. A 192.0.2.13
login-bank.example.com. A 192.0.2.14
walled-garden.example.net. A 192.0.2.80
"""


def need(*programs):
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: scripts/test installs them from Debian's packages")


@pytest.fixture(scope="module")
def data(vigil_bin, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("blocklists")
    data = tmp / "data"
    assert run(vigil_bin, "init", data=data).returncode == 0
    config = data / "vigil.yaml"
    # The test data lives in the documentation ranges and names, which the warning lists hold.
    text = config.read_text().replace("  exclude: []", "  exclude: [iana-documentation, reserved-tlds-documentation]")
    assert "reserved-tlds-documentation" in text
    assert "\nblocklists: []\n" in text
    config.write_text(text.replace("\nblocklists: []\n", "\n") + CONFIG)
    for name, threat, values in (("malware", "malware-distribution", MALWARE + ["*.evil-cdn.example.org"]),
                                 ("phish", "phishing", PHISHING)):
        feed = tmp / f"{name}.txt"
        feed.write_text("\n".join(values) + "\n")
        added = run(vigil_bin, "source", "add", name, "--format", "plain", "--location", str(feed), "--tlp", "GREEN",
                    "--reliability", "90", "--threat-type", threat, data=data)
        assert added.returncode == 0, added.stderr
        ran = run(vigil_bin, "source", "run", name, "--json", data=data)
        assert ran.returncode == 0, ran.stderr
    return data


def render(vigil_bin, data, name, fmt, path):
    result = run(vigil_bin, "blocklist", "render", name, "--format", fmt, "-o", str(path), "--json", data=data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_named_checkzone_accepts_every_zone(vigil_bin, data, tmp_path):
    need("named-checkzone")
    for name in ("malware-dns", "phishing-garden"):
        zone = tmp_path / f"{name}.rpz"
        render(vigil_bin, data, name, "rpz", zone)
        checked = subprocess.run(["named-checkzone", f"{name}.rpz.vigil", str(zone)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "OK" in checked.stdout
        assert " CNAME " in zone.read_text(), "the zone lists something"


def test_serial_grows_only_when_the_list_changes(vigil_bin, data, tmp_path):
    first = render(vigil_bin, data, "malware-dns", "rpz", tmp_path / "a.rpz")
    again = render(vigil_bin, data, "malware-dns", "rpz", tmp_path / "b.rpz")
    assert first["serial"] == again["serial"], "nothing changed, so the serial stays"
    assert run(vigil_bin, "allowlist", "add", "bad-host.example.net", "--comment", "appeal", data=data).returncode == 0
    try:
        changed = render(vigil_bin, data, "malware-dns", "rpz", tmp_path / "c.rpz")
        assert int(changed["serial"]) == int(first["serial"]) + 1
        assert "\nbad-host.example.net CNAME" not in (tmp_path / "c.rpz").read_text(), "an allowlisted name leaves the list"
    finally:
        run(vigil_bin, "allowlist", "remove", "bad-host.example.net", data=data)


def test_nft_accepts_the_nftables_file(vigil_bin, data, tmp_path):
    need("nft")
    if os.geteuid() != 0:
        pytest.fail("nft -c needs root (CI runs as root)")
    path = tmp_path / "malware-dns.nft"
    render(vigil_bin, data, "malware-dns", "nft", path)
    text = path.read_text()
    assert "203.0.113.0/24" in text and "2001:db8:abcd::/48" in text
    checked = subprocess.run(["nft", "-c", "-f", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


class Unbound:
    """An Unbound on a free loopback port with a private root and the given rpz: clauses."""

    def __init__(self, directory, rpz_clauses):
        need("unbound", "dig")
        self.port = free_port()
        (directory / "root.zone").write_text(ROOT_ZONE)
        config = directory / "unbound.conf"
        config.write_text(f"""server:
    interface: 127.0.0.1
    port: {self.port}
    do-ip6: no
    do-daemonize: no
    use-syslog: no
    logfile: "{directory}/unbound.log"
    verbosity: 1
    username: ""
    chroot: ""
    directory: "{directory}"
    pidfile: ""
    access-control: 127.0.0.0/8 allow
    module-config: "respip validator iterator"
    domain-insecure: "."
    do-not-query-localhost: no
auth-zone:
    name: "."
    zonefile: "{directory}/root.zone"
    for-upstream: yes
    for-downstream: no
    fallback-enabled: no
{rpz_clauses}
""")
        checked = subprocess.run(["unbound-checkconf", str(config)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        self.log = directory / "unbound.log"
        self.process = subprocess.Popen(["unbound", "-d", "-c", str(config)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.STDOUT)

    def dig(self, name, rtype="A"):
        result = subprocess.run(["dig", "+tries=1", "+time=2", "-p", str(self.port), "@127.0.0.1", name, rtype],
                                capture_output=True, text=True)
        status = next((line.split("status: ")[1].split(",")[0] for line in result.stdout.splitlines()
                       if "status: " in line), None)
        answers = [line.split()[-1] for line in result.stdout.split(";; ANSWER SECTION:")[-1].split("\n\n")[0].splitlines()
                   if "ANSWER SECTION" in result.stdout and line and not line.startswith(";")]
        return status, answers

    def wait_until(self, name, expected_status, timeout=20):
        deadline = time.time() + timeout
        while True:
            status, answers = self.dig(name)
            if status == expected_status or time.time() > deadline:
                return status, answers
            time.sleep(0.3)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def assert_policy_answers(unbound):
    status, _ = unbound.wait_until("good.example.net", "NOERROR")
    assert status == "NOERROR", f"Unbound did not come up: {unbound.log.read_text() if unbound.log.exists() else ''}"
    for name in ("bad-host.example.net", "evil-cdn.example.org", "www.evil-cdn.example.org"):
        status, answers = unbound.wait_until(name, "NXDOMAIN")
        assert status == "NXDOMAIN", f"{name}: {status} {answers}"
    status, answers = unbound.dig("good.example.net")
    assert (status, answers) == ("NOERROR", ["192.0.2.13"])
    status, answers = unbound.dig("login-bank.example.com")
    assert status == "NOERROR" and "192.0.2.80" in answers and "192.0.2.14" not in answers, \
        f"the phishing name should answer with the walled garden: {answers}"


def zone_file_clauses(vigil_bin, data, directory):
    """Renders both lists into `directory` and returns Unbound's rpz: clauses loading them."""
    clauses = ""
    for name in ("malware-dns", "phishing-garden"):
        render(vigil_bin, data, name, "rpz", directory / f"{name}.rpz")
        clauses += f'rpz:\n    name: "{name}.rpz.vigil."\n    zonefile: "{directory}/{name}.rpz"\n'
    return clauses


def test_unbound_applies_the_zones_from_files(vigil_bin, data, tmp_path):
    unbound = Unbound(tmp_path, zone_file_clauses(vigil_bin, data, tmp_path))
    try:
        assert_policy_answers(unbound)
    finally:
        unbound.stop()


def test_unbound_follows_the_feed_url_with_a_token(vigil_bin, data, tmp_path):
    created = run(vigil_bin, "token", "create", "--user", "admin", "--name", "unbound", "--json", data=data)
    assert created.returncode == 0, created.stderr
    token = json.loads(created.stdout)["secret"]
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "serve")
    try:
        url = f"{server.url}/feeds/malware-dns.rpz"
        assert requests.get(url, timeout=10).status_code == 401, "no token, no list"
        first = requests.get(url, params={"token": token}, timeout=10)
        assert first.status_code == 200 and first.text.startswith("$ORIGIN malware-dns.rpz.vigil.")
        again = requests.get(url, params={"token": token}, headers={"If-None-Match": first.headers["ETag"]}, timeout=10)
        assert again.status_code == 304
        assert requests.get(f"{server.url}/feeds/no-such-list.rpz", params={"token": token}, timeout=10).status_code == 404
        intel = requests.get(f"{server.url}/feeds/malware-dns.intel", params={"token": token}, timeout=10)
        assert intel.status_code == 200 and intel.text.startswith("#fields\tindicator\tindicator_type")
        ipset = requests.get(f"{server.url}/feeds/malware-dns.ipset", params={"token": token}, timeout=10)
        assert ipset.status_code == 200 and "\nadd vgl-malware-dns-" in ipset.text
        clauses = ""
        for name in ("malware-dns", "phishing-garden"):
            clauses += (f'rpz:\n    name: "{name}.rpz.vigil."\n    url: "{server.url}/feeds/{name}.rpz?token={token}"\n'
                        f'    zonefile: "{tmp_path}/{name}.cache"\n')
        unbound = Unbound(tmp_path, clauses)
        try:
            assert_policy_answers(unbound)
        finally:
            unbound.stop()
    finally:
        server.stop()


def test_an_accepted_appeal_removes_the_name_from_unbound(vigil_bin, data, tmp_path):
    """Runs last in this module: it delists bad-host.example.net for good."""
    created = run(vigil_bin, "token", "create", "--user", "admin", "--name", "appeals", "--json", data=data)
    token = json.loads(created.stdout)["secret"]
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "serve-appeal")
    try:
        # The owner appeals without an account and gets a tracking id.
        filed = requests.post(f"{server.url}/api/v1/appeals", timeout=10, json={
            "resource": "bad-host.example.net", "reason": "our web shop; cleaned", "contact_email": "admin@bad-host.example.net"})
        assert filed.status_code == 201, filed.text
        tracking = filed.json()["tracking_id"]
        status = requests.post(f"{server.url}/api/v1/appeals/status", json={"tracking_id": tracking}, timeout=10)
        assert status.json()["status"] == "received"
        # An analyst accepts it.
        staff = {"Authorization": f"Bearer {token}"}
        [appeal] = requests.get(f"{server.url}/api/v1/appeals", headers=staff, timeout=10).json()
        accepted = requests.post(f"{server.url}/api/v1/appeals/{appeal['id']}/accept", headers=staff,
                                 json={"reason": "verified clean"}, timeout=10)
        assert accepted.status_code == 200 and accepted.json()["status"] == "accepted", accepted.text
        assert requests.post(f"{server.url}/api/v1/appeals/status", json={"tracking_id": tracking},
                             timeout=10).json()["status"] == "accepted"
        zone = requests.get(f"{server.url}/feeds/malware-dns.rpz", params={"token": token}, timeout=10).text
        assert "\nbad-host.example.net CNAME" not in zone and "\n32.23.100.51.198.rpz-ip CNAME" in zone
    finally:
        server.stop()
    unbound = Unbound(tmp_path, zone_file_clauses(vigil_bin, data, tmp_path))
    try:
        status, _ = unbound.wait_until("good.example.net", "NOERROR")
        assert status == "NOERROR"
        assert unbound.dig("bad-host.example.net") == ("NOERROR", ["192.0.2.10"]), "the appealed name resolves again"
        status, _ = unbound.dig("www.evil-cdn.example.org")
        assert status == "NXDOMAIN", "the other listed names stay blocked"
    finally:
        unbound.stop()
