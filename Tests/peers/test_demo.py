"""The README's first command: `vigil demo` serves health, the login page and the API with the demo logins."""
import json
import re

import requests

from conftest import run


def test_health_and_readiness(demo):
    assert requests.get(demo.url + "/healthz", timeout=5).json()["status"] == "ok"
    ready = requests.get(demo.url + "/readyz", timeout=5).json()
    assert ready == {"status": "ready", "database": "sqlite"}
    banner = demo.log.read_text()
    assert "admin-demo-pass" in banner and "http://127.0.0.1:" in banner


def test_browser_style_login_with_csrf(demo):
    browser = requests.Session()
    page = browser.get(demo.url + "/login", timeout=5)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    refused = browser.post(demo.url + "/login", data={"username": "analyst", "password": "wrong-password", "csrf_token": token},
                           allow_redirects=False, timeout=10)
    assert refused.status_code == 401 and "Wrong username or password" in refused.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', refused.text).group(1)
    home = browser.post(demo.url + "/login", data={"username": "analyst", "password": "analyst-demo-pass", "csrf_token": token},
                        timeout=10)
    assert home.status_code == 200 and "analyst" in home.text
    session_cookie = next(c for c in browser.cookies if c.name == "vigil_session")
    assert session_cookie.has_nonstandard_attr("HttpOnly")


def test_indicators_listed_through_the_api(demo):
    listed = requests.get(demo.url + "/api/v1/indicators?limit=1000", auth=("analyst", "analyst-demo-pass"), timeout=10)
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert len(items) == 1000 and listed.json()["next_cursor"]
    assert {item["type"] for item in items} >= {"ipv4", "domain", "url"}


def test_constituent_sees_only_its_constituency(demo):
    items = requests.get(demo.url + "/api/v1/indicators?limit=1000", auth=("constituent", "constituent-demo-pass"),
                         timeout=10).json()["items"]
    assert items, "the water utility has demo indicators in 203.0.113.0/24"
    assert all(item["constituency_organisation_id"] == "org-water" or item["owner_organisation_id"] == "org-water"
               for item in items)
    assert all(item["tlp"] in ("CLEAR", "GREEN", "AMBER", "RED") for item in items)
    assert all(item["tlp"] != "AMBER+STRICT" for item in items)


def test_demo_directory_commands_see_the_demo_settings(demo, vigil_bin):
    """The README runs `vigil blocklist … --data ./vigil-demo` beside the demo: the directory
    carries the demo's settings, so the CLI lists and renders the same lists the server serves."""
    data = demo.log.parent / "vigil-demo"
    listed = run(vigil_bin, "blocklist", "list", "--json", data=data)
    assert listed.returncode == 0, listed.stderr
    assert sorted(entry["name"] for entry in json.loads(listed.stdout)) == ["demo-dns", "demo-ips", "demo-phishing"]
    rendered = run(vigil_bin, "blocklist", "render", "demo-dns", "--format", "txt", data=data)
    served = requests.get(demo.url + "/feeds/demo-dns.txt", auth=("operator", "operator-demo-pass"), timeout=10)
    assert served.status_code == 200 and served.text.strip()
    assert rendered.stdout == served.text, "the CLI and the feed render the same list"


def test_public_appeal_form_and_status_page(demo):
    """An owner without an account appeals through the form and follows it by tracking id."""
    browser = requests.Session()
    form = browser.get(demo.url + "/appeal", timeout=10)
    assert form.status_code == 200 and "Appeal a listing" in form.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    forged = requests.post(demo.url + "/appeal", timeout=10, data={
        "csrf_token": csrf, "resource": "x.example", "reason": "r", "contact_email": "a@x.example"})
    assert forged.status_code == 403, "a post without the form's cookie is refused"
    sent = browser.post(demo.url + "/appeal", timeout=10, data={
        "csrf_token": csrf, "resource": "alpha-zone68.test", "reason": "our <b>own</b> zone",
        "contact_email": "owner@alpha-zone68.test"})
    assert sent.status_code == 201, sent.text
    tracking = re.search(r"<code>([^<]+)</code>", sent.text).group(1)
    page = browser.get(demo.url + "/appeal/status", timeout=10)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    status = browser.post(demo.url + "/appeal/status", data={"csrf_token": csrf, "tracking_id": tracking}, timeout=10)
    assert status.status_code == 200 and "<strong>received</strong>" in status.text
    staff = requests.get(demo.url + "/api/v1/appeals", auth=("analyst", "analyst-demo-pass"), timeout=10).json()
    assert any(a["resource"] == "alpha-zone68.test" and a["reason"] == "our <b>own</b> zone" for a in staff)


def test_demo_order_is_seen_by_its_operators_only(demo):
    [order] = requests.get(demo.url + "/api/v1/orders", auth=("operator", "operator-demo-pass"), timeout=10).json()
    assert order["reference"] == "DEMO-2026-001" and len(order["resources"]) == 3
    assert [a["status"] for a in order["addressees"]] == ["acknowledged"], "the operator sees only its own answer"
    staff = requests.get(demo.url + "/api/v1/orders", auth=("analyst", "analyst-demo-pass"), timeout=10).json()
    assert sorted(a["status"] for a in staff[0]["addressees"]) == ["acknowledged", "issued"]
    assert requests.get(demo.url + "/api/v1/orders", auth=("constituent", "constituent-demo-pass"), timeout=10).json() == []
