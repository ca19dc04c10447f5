"""Blocklists with the real programs that load them: BIND's named-checkzone accepts the RPZ zone,
`nft -c -f` accepts the nftables file, and Unbound — loading the zone from a file and from
Vigil's /feeds/ URL — answers NXDOMAIN for a listed name and its subdomains, the walled garden
where the policy says so, and normally for everything else."""
import json
import os
import subprocess

import pytest
import requests

from conftest import run, start
from dns_peers import Unbound, assert_policy_answers, blocklist_data, need, render


@pytest.fixture(scope="module")
def data(vigil_bin, tmp_path_factory):
    return blocklist_data(vigil_bin, tmp_path_factory.mktemp("blocklists"))


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
