"""Sharing with partners end to end: a STIX 2.1 export passes the OASIS stix2-validator with no
errors and imports back into Vigil; a MISP feed export loads in PyMISP with the right attributes,
types, to_ids and TLP tags; the cross-border gate's dry run shows what leaves and what it removed
and why; a delisted indicator reaches the partner as a revoked version; TLP:RED and unshared
TLP:AMBER never reach an export; a large export waits for an approval, and both are audited."""
import json
import re
from pathlib import Path

import pytest
import requests
from pymisp import MISPEvent
from stix2validator import ValidationOptions, validate_file

from conftest import init_data, run, start

SAMPLES = Path(__file__).resolve().parent.parent / "VigilMatchTests" / "Telemetry" / "Samples"

CONFIG = """
sharing:
  home_jurisdiction: XA
  producer: CERT Exampleland
  taxii_publish_seconds: 1
  partners:
    - organisation: CERT Testland
      jurisdiction: XB
      transport: taxii
      max_tlp: AMBER
    - organisation: Home CERT
      jurisdiction: XA
      transport: misp-feed
      max_tlp: GREEN
    - organisation: Small CERT
      jurisdiction: XC
      max_tlp: GREEN
      hold_above: 3
"""


def vigil_json(vigil_bin, data, *args, expect=0):
    result = run(vigil_bin, *args, "--json", data=data)
    assert result.returncode == expect, f"vigil {' '.join(args)}: {result.stdout} {result.stderr}"
    return json.loads(result.stdout) if expect == 0 else result


@pytest.fixture(scope="module")
def data(vigil_bin, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sharing")
    data = tmp / "data"
    config = init_data(vigil_bin, data)
    text = config.read_text()
    text = re.sub(r"\nsharing:\n(  .*\n|  #.*\n)*", "\n" + CONFIG.lstrip(), text)
    config.write_text(text)
    for org in ("CERT Testland", "Home CERT", "Small CERT"):
        assert run(vigil_bin, "org", "add", org, data=data).returncode == 0
    ids = {}
    for value, kind, tlp, tags in [
        ("c2.evil.example", "domain", "GREEN", []), ("bad-cdn.example.net", "domain-suffix", "GREEN", []),
        ("203.0.113.200", "ipv4", "GREEN", []), ("198.51.100.0/24", "cidr4", "CLEAR", []),
        ("http://phish.example/login?a='b'", "url", "GREEN", []), ("a" * 64, "sha256", "GREEN", []),
        ("AS64500", "asn", "GREEN", []), ("victim@water.example", "email", "GREEN", ["victim"]),
        ("retracted.example", "domain", "GREEN", []),
        ("amber-only.example", "domain", "AMBER", []), ("red-secret.example", "domain", "RED", []),
    ]:
        args = ["indicator", "add", value, "--type", kind, "--tlp", tlp, "--confidence", "80"]
        for tag in tags:
            args += ["--tag", tag]
        ids[value] = vigil_json(vigil_bin, data, *args)["id"]
    vigil_json(vigil_bin, data, "indicator", "revoke", ids["retracted.example"], "--reason", "false positive")
    # A source reports one of them too (its report in the STIX export lists it).
    assert run(vigil_bin, "source", "add", "osint", "--collector", "push", "--format", "plain", "--tlp", "GREEN", data=data).returncode == 0
    reported = tmp / "osint.txt"
    reported.write_text("c2.evil.example\n")
    assert run(vigil_bin, "ingest", "--source", "osint", str(reported), data=data).returncode == 0
    log = tmp / "resolver.log"
    log.write_text("[1764115201] unbound[1:0] info: 10.1.2.3 c2.evil.example. A IN\n"
                   "[1764115202] unbound[1:0] info: 10.1.2.4 www.c2.evil.example. A IN\n"
                   "[1764115203] unbound[1:0] info: 10.1.2.3 c2.evil.example. A IN\n")
    matched = vigil_json(vigil_bin, data, "match", "--format", "unbound", "--observer", "resolver-1", str(log))
    assert matched["reports"][0]["statistics"]["hits"] == 2
    return data


def test_the_dry_run_shows_what_leaves_and_what_the_gate_removed(vigil_bin, data):
    abroad = vigil_json(vigil_bin, data, "export", "--partner", "CERT Testland", "--dry-run")
    assert abroad["abroad"] is True and abroad["held"] is False
    # Nine shareable indicators (AMBER is not shared with this partner, RED never), less the gated victim's address.
    assert abroad["indicators"] == 8 and abroad["revoked"] == 1 and abroad["sightings"] == 1
    reasons = {r["reason"]: r for r in abroad["removed"]}
    victim = reasons["a victim's e-mail address: personal data, and the partner is abroad"]
    assert victim["count"] == 1 and victim["examples"] == ["victim@water.example"]
    clients = reasons["a sighting's client address: personal data, and the partner is abroad"]
    assert clients["count"] == 1 and clients["examples"][0].startswith("p:")
    home = vigil_json(vigil_bin, data, "export", "--partner", "Home CERT", "--dry-run")
    assert home["abroad"] is False and home["removed"] == [] and home["indicators"] == 9
    text = run(vigil_bin, "export", "--partner", "CERT Testland", "--dry-run", data=data).stdout
    assert "abroad: the gate applies" in text and "removed 1: a victim's e-mail address" in text


def test_stix_export_passes_the_oasis_validator_and_imports_back(vigil_bin, data, tmp_path):
    bundle = tmp_path / "testland.json"
    plan = vigil_json(vigil_bin, data, "export", "--partner", "CERT Testland", "--format", "stix", "--out", str(bundle))
    assert plan["indicators"] == 8
    results = validate_file(str(bundle), ValidationOptions(version="2.1"))
    errors = [e for r in ([results] if not isinstance(results, list) else results) for o in r.object_results for e in o.errors]
    assert results.is_valid and errors == [], [str(e) for e in errors]
    document = json.loads(bundle.read_text())
    objects = document["objects"]
    text = bundle.read_text()
    assert "red-secret.example" not in text and "amber-only.example" not in text and "victim@water.example" not in text
    indicators = {o["name"]: o for o in objects if o["type"] == "indicator"}
    assert indicators["retracted.example"]["revoked"] is True
    assert indicators["bad-cdn.example.net"]["pattern"] == \
        "[domain-name:value = 'bad-cdn.example.net' OR domain-name:value LIKE '%.bad-cdn.example.net']"
    assert indicators["http://phish.example/login?a='b'"]["pattern"] == "[url:value = 'http://phish.example/login?a=\\'b\\'']"
    assert {o["id"] for o in objects if o["type"] == "domain-name" and o["value"] == "c2.evil.example"} \
        == {"domain-name--" + deterministic_domain_uuid("c2.evil.example")}
    [sighting] = [o for o in objects if o["type"] == "sighting"]
    assert sighting["count"] == 2 and "x_vigil_clients" not in sighting
    assert sighting["sighting_of_ref"] == indicators["c2.evil.example"]["id"]
    reports = [o for o in objects if o["type"] == "report"]
    assert reports and all(set(r["object_refs"][1:]) <= {i["id"] for i in indicators.values()} for r in reports)
    assert indicators["c2.evil.example"]["id"] in {ref for r in reports for ref in r["object_refs"]}
    assert {o["identity_class"] for o in objects if o["type"] == "identity"} == {"organization", "system"}
    markings = {o["name"] for o in objects if o["type"] == "marking-definition"}
    assert markings == {"TLP:GREEN", "TLP:CLEAR"}
    # The same export again gives the same ids: partners see versions of one object.
    again = tmp_path / "again.json"
    vigil_json(vigil_bin, data, "export", "--partner", "CERT Testland", "--format", "stix", "--out", str(again))
    assert {o["id"] for o in json.loads(again.read_text())["objects"] if o["type"] != "bundle"} == {o["id"] for o in objects}
    # Round trip: a second Vigil imports the bundle (the revoked one is not an indicator to add).
    other = tmp_path / "other"
    init_data(vigil_bin, other)
    imported = run(vigil_bin, "ingest", "--source", "testland", "--format", "stix", str(bundle), "--json", data=other)
    assert imported.returncode == 0, imported.stderr
    found = json.loads(run(vigil_bin, "indicator", "search", "--json", "--limit", "100", data=other).stdout)
    values = {i["value"] for i in (found["items"] if isinstance(found, dict) else found)}
    assert {"c2.evil.example", "bad-cdn.example.net", "203.0.113.200", "198.51.100.0/24", "AS64500", "a" * 64} <= values
    assert "http://phish.example/login?a='b'" in values


def deterministic_domain_uuid(value):
    import uuid
    return str(uuid.uuid5(uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7"), json.dumps({"value": value}, separators=(",", ":"))))


def test_misp_feed_loads_in_pymisp_with_types_to_ids_and_tlp(vigil_bin, data, tmp_path):
    feed = tmp_path / "feed"
    plan = vigil_json(vigil_bin, data, "export", "--partner", "Home CERT", "--format", "misp-feed", "--out", str(feed))
    assert plan["indicators"] == 8  # the revoked one is dropped from a feed
    manifest = json.loads((feed / "manifest.json").read_text())
    hashes = (feed / "hashes.csv").read_text().splitlines()
    attributes = []
    for uuid in manifest:
        event = MISPEvent()
        event.load_file(str(feed / f"{uuid}.json"))
        assert str(event.uuid) == uuid and event.info == manifest[uuid]["info"]
        assert [t.name for t in event.tags] == ["tlp:green"] or [t.name for t in event.tags] == ["tlp:clear"]
        for attribute in event.attributes:
            attributes.append(attribute)
            assert f"tlp:{'clear' if attribute.value == '198.51.100.0/24' else 'green'}" in [t.name for t in attribute.tags]
            assert attribute.to_ids is True
    by_value = {a.value: a.type for a in attributes}
    assert by_value == {
        "c2.evil.example": "domain", "bad-cdn.example.net": "domain", "203.0.113.200": "ip-dst", "198.51.100.0/24": "ip-dst",
        "http://phish.example/login?a='b'": "url", "a" * 64: "sha256", "64500": "AS", "victim@water.example": "email-src",
    }  # at home the gate keeps the victim's address; the revoked, AMBER and RED ones are not in a GREEN feed
    assert len(hashes) == len(attributes) == 8
    # The same as one MISP event JSON file.
    single = tmp_path / "event.json"
    vigil_json(vigil_bin, data, "export", "--partner", "Home CERT", "--format", "misp-event", "--out", str(single))
    event = MISPEvent()
    event.load_file(str(single))
    assert {a.value: a.type for a in event.attributes} == by_value and [t.name for t in event.tags] == ["tlp:green"]


def test_a_large_export_waits_for_an_approval_and_every_release_is_audited(vigil_bin, data, tmp_path):
    held = vigil_json(vigil_bin, data, "export", "--partner", "Small CERT", "--dry-run")
    assert held["held"] is True and "hold_above 3" in held["holdReason"]
    refused = run(vigil_bin, "export", "--partner", "Small CERT", "--out", str(tmp_path / "small.json"), data=data)
    assert refused.returncode == 1 and "held" in refused.stderr
    vigil_json(vigil_bin, data, "export", "approve", "--partner", "Small CERT", "--as", "admin")
    released = vigil_json(vigil_bin, data, "export", "--partner", "Small CERT", "--out", str(tmp_path / "small.json"))
    assert released["held"] is False and released["indicators"] == held["indicators"]
    import sqlite3
    with sqlite3.connect(data / "vigil.sqlite") as db:
        actions = [row[0] for row in db.execute("SELECT action FROM audit_log WHERE target = 'Small CERT' ORDER BY seq")]
    assert actions == ["sharing.approved", "sharing.released"]
    assert run(vigil_bin, "audit", "verify", data=data).returncode == 0


def test_taxii_partner_pages_reads_versions_sees_a_revocation_and_posts(vigil_bin, data, tmp_path):
    import time
    from taxii2client.v21 import Server, as_pages
    for user, role, org in (("testland", "partner", "CERT Testland"), ("home-op", "operator", "Home CERT")):
        added = run(vigil_bin, "user", "add", user, "--role", role, "--organisation", org, "--password-stdin",
                    data=data, stdin="correct-horse-battery-staple\n")
        assert added.returncode == 0, added.stderr
    bundle = tmp_path / "expected.json"
    vigil_json(vigil_bin, data, "export", "--partner", "CERT Testland", "--out", str(bundle))
    expected = {o["id"] for o in json.loads(bundle.read_text())["objects"]}
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "taxii")
    try:
        root = Server(server.url + "/taxii2/", user="testland", password="correct-horse-battery-staple").api_roots[0]
        [collection] = root.collections
        assert collection.can_read and collection.can_write and "CERT Testland" in collection.title
        objects = []
        for _ in range(50):
            objects = [o for page in as_pages(collection.get_objects, per_request=4) for o in page.get("objects", [])]
            if objects:
                break
            time.sleep(0.3)
        assert {o["id"] for o in objects} == expected  # paged four at a time through `next`
        assert not any("red-secret" in json.dumps(o) or "amber-only" in json.dumps(o) for o in objects)
        indicator = next(o for o in objects if o["type"] == "indicator" and o["name"] == "c2.evil.example")
        assert collection.get_object(indicator["id"])["objects"][0]["pattern"] == "[domain-name:value = 'c2.evil.example']"
        assert collection.object_versions(indicator["id"])["versions"] == [indicator["modified"]]
        manifest = collection.get_manifest()
        assert {m["id"] for m in manifest["objects"]} == expected
        assert collection.get_objects(type="indicator")["objects"] and \
            all(o["type"] == "indicator" for o in collection.get_objects(type="indicator")["objects"])
        added_last = max(m["date_added"] for m in manifest["objects"])
        # An appeal-like delisting at home: the partner gets a revoked version after its last poll.
        found = json.loads(run(vigil_bin, "indicator", "search", "--value", "c2.evil.example", "--json", data=data).stdout)
        vigil_json(vigil_bin, data, "indicator", "revoke", found["items"][0]["id"], "--reason", "appeal accepted")
        revoked = []
        for _ in range(60):
            revoked = [o for o in collection.get_objects(added_after=added_last).get("objects", []) if o["id"] == indicator["id"]]
            if revoked:
                break
            time.sleep(0.5)
        assert revoked and revoked[0]["revoked"] is True and revoked[0]["modified"] > indicator["modified"]
        versions = collection.object_versions(indicator["id"])["versions"]
        assert len(versions) == 2
        # The partner posts an indicator of its own; it lands in Vigil through its TAXII source.
        posted = collection.add_objects({"objects": [{
            "type": "indicator", "spec_version": "2.1", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "created": "2026-11-20T10:00:00.000Z", "modified": "2026-11-20T10:00:00.000Z", "name": "from Testland",
            "pattern": "[domain-name:value = 'testland-c2.example']", "pattern_type": "stix", "valid_from": "2026-11-20T10:00:00Z",
        }]})
        assert posted.status == "complete" and posted.success_count == 1 and posted.failure_count == 0
        # TLP:AMBER of the partner's own: the partner reads it (the CERT would once it is shared with it).
        stored = json.loads(run(vigil_bin, "indicator", "search", "--value", "testland-c2.example", "--json", "--as", "testland",
                                data=data).stdout)
        assert stored["items"] and stored["items"][0]["tlp"] == "AMBER"
        # An operator has no collection; another partner's collection is not found.
        other = Server(server.url + "/taxii2/", user="home-op", password="correct-horse-battery-staple").api_roots[0]
        assert other.collections == []
        headers = requests.get(server.url + f"/taxii2/api/collections/{collection.id}/objects/", auth=("testland", "correct-horse-battery-staple"),
                               headers={"Accept": "application/taxii+json;version=2.1"}, timeout=10)
        assert headers.headers["Content-Type"] == "application/taxii+json;version=2.1"
        assert headers.headers["X-TAXII-Date-Added-First"] <= headers.headers["X-TAXII-Date-Added-Last"]
        refused = requests.get(server.url + f"/taxii2/api/collections/{collection.id}/objects/", auth=("home-op", "correct-horse-battery-staple"), timeout=10)
        assert refused.status_code == 404
        # The gate's view through the API, for staff only.
        admin = {"Authorization": "Bearer " + vigil_json(vigil_bin, data, "token", "create", "--user", "admin")["secret"]}
        plan = requests.get(server.url + "/api/v1/partners/CERT Testland/plan", headers=admin, timeout=10).json()
        assert plan["abroad"] is True and any("victim" in r["reason"] for r in plan["removed"])
        assert requests.get(server.url + "/api/v1/partners/CERT Testland/plan", auth=("testland", "correct-horse-battery-staple"),
                            timeout=10).status_code == 403
    finally:
        server.stop()


def test_vigil_pulls_a_medallion_collection_incrementally(vigil_bin, data, tmp_path):
    """Vigil's TAXII collector against a real medallion server (memory backend)."""
    import os
    import subprocess
    import sys
    import time
    from taxii2client.v21 import Collection

    from conftest import free_port
    port = free_port()
    collection_id = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"
    root = f"http://127.0.0.1:{port}/api1/"
    (tmp_path / "data.json").write_text(json.dumps({
        "/discovery": {"title": "medallion", "description": "", "contact": "", "default": root, "api_roots": [root]},
        "api1": {"information": {"title": "api1", "description": "", "versions": ["application/taxii+json;version=2.1"],
                                 "max_content_length": 9765625},
                 "status": [],
                 "collections": [{"id": collection_id, "title": "Partner feed", "description": "", "can_read": True,
                                  "can_write": True, "media_types": ["application/stix+json;version=2.1"],
                                  "objects": [], "manifest": []}]}}))
    (tmp_path / "medallion.json").write_text(json.dumps({
        "backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                    "filename": str(tmp_path / "data.json")},
        "users": {"vigil": "medallion-pass"}, "taxii": {"max_page_size": 2}}))
    medallion = subprocess.Popen([str(Path(sys.executable).parent / "medallion"), "--host", "127.0.0.1", "--port", str(port),
                                  str(tmp_path / "medallion.json")], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        collection = Collection(root + f"collections/{collection_id}/", user="vigil", password="medallion-pass")
        for _ in range(100):
            try:
                collection.refresh()
                break
            except Exception:
                time.sleep(0.2)

        def indicator(n, value):
            return {"type": "indicator", "spec_version": "2.1", "id": f"indicator--{n:08d}-1111-4111-8111-111111111111",
                    "created": "2026-11-20T10:00:00.000Z", "modified": "2026-11-20T10:00:00.000Z", "name": value,
                    "pattern": f"[domain-name:value = '{value}']", "pattern_type": "stix", "valid_from": "2026-11-20T10:00:00Z"}

        collection.add_objects({"objects": [indicator(n, f"medallion-{n}.net") for n in range(1, 6)]})
        added = run(vigil_bin, "source", "add", "medallion", "--collector", "taxii", "--format", "stix",
                    "--location", root + f"collections/{collection_id}/", "--option", "username=vigil",
                    "--option", "password_env=MEDALLION_PASSWORD", "--tlp", "GREEN", data=data)
        assert added.returncode == 0, added.stderr
        env = {"MEDALLION_PASSWORD": "medallion-pass"}
        first = run(vigil_bin, "source", "run", "medallion", "--json", data=data, env=env)
        assert first.returncode == 0, first.stdout + first.stderr
        assert json.loads(first.stdout)["run"]["new"] == 5  # three pages of two through `next`
        collection.add_objects({"objects": [indicator(6, "medallion-6.net")]})
        time.sleep(0.01)
        second = json.loads(run(vigil_bin, "source", "run", "medallion", "--json", data=data, env=env).stdout)
        assert second["run"]["new"] == 1 and second["run"]["unchanged"] == 0  # only what was added since
        third = json.loads(run(vigil_bin, "source", "run", "medallion", "--json", data=data, env=env).stdout)
        assert third["run"]["status"] == "not-modified"
        wrong = run(vigil_bin, "source", "run", "medallion", "--json", data=data, env={"MEDALLION_PASSWORD": "wrong"})
        assert "401" in wrong.stdout + wrong.stderr
        found = json.loads(run(vigil_bin, "indicator", "search", "--prefix", "medallion-", "--json", data=data).stdout)
        assert {i["value"] for i in found["items"]} == {f"medallion-{n}.net" for n in range(1, 7)}
    finally:
        medallion.terminate()
        medallion.wait(timeout=10)


def test_vigil_pulls_a_misp_feed_over_http(vigil_bin, data, tmp_path):
    """The MISP feed Vigil exports, served over HTTP, pulled by another Vigil as a misp-feed source."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    feed = tmp_path / "feed"
    vigil_json(vigil_bin, data, "export", "--partner", "Home CERT", "--format", "misp-feed", "--out", str(feed))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(feed))
    handler.log_message = lambda *args: None
    http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    try:
        other = tmp_path / "other"
        init_data(vigil_bin, other)
        added = run(vigil_bin, "source", "add", "home-feed", "--collector", "misp-feed", "--format", "misp",
                    "--location", f"http://127.0.0.1:{http.server_port}/", "--tlp", "GREEN", data=other)
        assert added.returncode == 0, added.stderr
        first = run(vigil_bin, "source", "run", "home-feed", "--json", data=other)
        assert first.returncode == 0, first.stdout + first.stderr
        attributes = len((feed / "hashes.csv").read_text().splitlines())
        assert attributes >= 8 and json.loads(first.stdout)["run"]["new"] == attributes
        again = json.loads(run(vigil_bin, "source", "run", "home-feed", "--json", data=other).stdout)
        assert again["run"]["status"] == "not-modified"
        found = json.loads(run(vigil_bin, "indicator", "search", "--value", "203.0.113.200", "--type", "ipv4", "--json", data=other).stdout)
        assert found["items"] and found["items"][0]["tlp"] == "GREEN"
    finally:
        http.shutdown()
