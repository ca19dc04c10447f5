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
