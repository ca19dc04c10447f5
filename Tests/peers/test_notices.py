"""Notices end to end (issue 8's "done when"): organisations imported from CSV (a bad row reported
with line and field), a sighting in an organisation's prefix produces one aggregated e-mail received
by a real SMTP server (aiosmtpd) and one signed webhook (retried after a 500), in the organisation's
language; its users see it and nothing of any other organisation; a kill -9 between handing a
message to the server and recording it neither loses the notice nor sends it twice."""
import email
import email.policy
import hashlib
import hmac
import json
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from aiosmtpd.controller import Controller

from conftest import free_port, run, start

SECRET = "webhook-secret-0123456789"


class Mailbox:
    """An aiosmtpd handler keeping every message; it can kill Vigil at RCPT or at DATA, once."""

    def __init__(self):
        self.messages, self.vigil_pid, self.killed = [], None, set()

    def _kill_once(self, trigger):
        if trigger in self.killed:
            return
        # A restarted Vigil may deliver before the test has learnt its pid: wait for it.
        deadline = time.time() + 60
        while self.vigil_pid is None and time.time() < deadline:
            time.sleep(0.1)
        self.killed.add(trigger)
        os.kill(self.vigil_pid, signal.SIGKILL)
        self.vigil_pid = None

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address == "crash-rcpt@crash.example":
            self._kill_once("rcpt")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=email.policy.default)))
        if "crash-data@crash.example" in envelope.rcpt_tos:
            self._kill_once("data")
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for rcpt, m in self.messages if address in rcpt]


class Webhooks(BaseHTTPRequestHandler):
    received, failed_once = [], set()

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        delivery, stamp = self.headers["X-Vigil-Delivery"], self.headers["X-Vigil-Timestamp"]
        expected = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, self.headers["X-Vigil-Signature"])
        if valid and delivery not in Webhooks.failed_once:
            Webhooks.failed_once.add(delivery)  # the first attempt fails: Vigil must retry
            self.send_response(500)
            self.end_headers()
            return
        Webhooks.received.append({"delivery": delivery, "valid": valid, "payload": json.loads(body)})
        self.send_response(200 if valid else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


ORGS = """name,country,language,notice_period,prefixes,domains,contacts,webhook_url,webhook_secret
Example ISP,XA,en,immediate,192.0.2.0/26;2001:db8:1::/48,,abuse@isp.example,{hook},{secret}
Water Utility,XA,zh,immediate,203.0.113.0/24,water.example,soc@water.example,,
Crash After,XA,en,immediate,192.0.2.128/26,,crash-data@crash.example,,
Crash Before,XA,en,immediate,192.0.2.192/26,,crash-rcpt@crash.example,,
Broken Row,XA,en,immediate,192.0.2.300/24,,abuse@broken.example,,
"""


@pytest.fixture(scope="module")
def world(vigil_bin, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("notices")
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    hooks = ThreadingHTTPServer(("127.0.0.1", 0), Webhooks)
    threading.Thread(target=hooks.serve_forever, daemon=True).start()
    data = tmp / "data"
    assert run(vigil_bin, "init", data=data).returncode == 0
    config = data / "vigil.yaml"
    text = config.read_text().replace("  exclude: []", "  exclude: [iana-documentation, reserved-tlds-documentation]")
    text = text.replace("round_seconds: 60", "round_seconds: 1").replace("retry_base_seconds: 60", "retry_base_seconds: 1")
    text = text.replace("    host:\n", "    host: 127.0.0.1\n").replace("    port: 25\n", f"    port: {smtp.port}\n")
    text = text.replace("security: starttls", "security: none").replace('from: "CERT <cert@localhost>"', 'from: "CERT Exampleland <cert@cert.example>"')
    config.write_text(text)
    orgs = tmp / "orgs.csv"
    orgs.write_text(ORGS.format(hook=f"http://127.0.0.1:{hooks.server_port}/hook", secret=SECRET))
    imported = run(vigil_bin, "org", "import", str(orgs), "--json", data=data)
    assert imported.returncode == 1, imported.stderr  # one row is bad
    report = json.loads(imported.stdout)
    assert report["created"] == 4
    assert report["problems"] == ['line 6, field prefixes: "192.0.2.300/24": ' + report["problems"][0].split(": ", 2)[2]]
    for user, role, org in (("isp-op", "operator", "Example ISP"), ("water-user", "constituent", "Water Utility")):
        added = run(vigil_bin, "user", "add", user, "--role", role, "--organisation", org, "--password-stdin",
                    data=data, stdin="correct-horse-battery-staple\n")
        assert added.returncode == 0, added.stderr
    added = run(vigil_bin, "indicator", "add", "c2.evil.example", "--type", "domain", "--tlp", "GREEN", "--confidence", "90",
                "--json", data=data)
    assert added.returncode == 0, added.stderr
    yield {"data": data, "tmp": tmp, "mailbox": mailbox, "hooks": hooks}
    smtp.stop()
    hooks.shutdown()


def token(vigil_bin, data, user):
    result = run(vigil_bin, "token", "create", "--user", user, "--json", data=data)
    assert result.returncode == 0, result.stderr
    return {"Authorization": "Bearer " + json.loads(result.stdout)["secret"]}


def test_a_sighting_becomes_one_email_and_one_signed_webhook_and_stays_in_its_organisation(vigil_bin, world):
    data, tmp, mailbox = world["data"], world["tmp"], world["mailbox"]
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp, "serve")
    mailbox.vigil_pid = server.process.pid
    admin = token(vigil_bin, data, "admin")
    now = int(time.time())
    lines = "".join(f"[{now}] unbound[1:0] info: {client} c2.evil.example. A IN\n"
                    for client in ("192.0.2.10", "192.0.2.10", "203.0.113.5", "192.0.2.130", "192.0.2.200", "198.18.0.1"))
    posted = requests.post(server.url + "/api/v1/telemetry", params={"format": "unbound", "observer": "resolver-1"},
                           data=lines, headers=admin, timeout=30)
    assert posted.status_code == 200 and posted.json()["statistics"]["hits"] == 6, posted.text
    restarts, deadline = 0, time.time() + 90
    wanted = ["abuse@isp.example", "soc@water.example", "crash-data@crash.example", "crash-rcpt@crash.example"]
    while time.time() < deadline:
        if server.process.poll() is not None:  # the mail server killed it (kill -9): start it again
            server.process.wait()
            restarts += 1
            server = start(vigil_bin, ["serve", "--data", str(data)], tmp, f"serve-{restarts}")
            mailbox.vigil_pid = server.process.pid
        if all(mailbox.to(a) for a in wanted) and Webhooks.received and len(mailbox.killed) == 2:
            time.sleep(3)  # a few more rounds: nothing may be sent twice
            break
        time.sleep(0.5)
    try:
        assert mailbox.killed == {"rcpt", "data"} and restarts == 2
        for address in wanted:
            assert len(mailbox.to(address)) == 1, (address, [m["Subject"] for m in mailbox.to(address)])
        isp = mailbox.to("abuse@isp.example")[0]
        assert isp["From"] == "CERT Exampleland <cert@cert.example>" and isp["To"] == "abuse@isp.example"
        assert "Example ISP" in isp["Subject"] and "1 event" in isp["Subject"]
        assert isp["Message-ID"].startswith("<ntc-") and isp["X-Vigil-Notice"]
        body = isp.get_body(preferencelist=("plain",)).get_content()
        assert "c2.evil.example" in body and "192.0.2.10" in body and "TLP:GREEN" in body
        [attachment] = list(isp.iter_attachments())
        assert attachment.get_content_type() == "text/csv" and attachment.get_filename().endswith(".csv")
        csv = attachment.get_content()
        assert csv.startswith("kind,recorded_at,") and ",c2.evil.example," in csv and ",192.0.2.10,2\r\n" in csv
        assert "203.0.113.5" not in csv and "198.18.0.1" not in csv and "192.0.2.130" not in csv
        water = mailbox.to("soc@water.example")[0]
        assert water["Subject"] == f"[CERT Exampleland] 安全通知：Water Utility，1 个事件（{water['Subject'].split('（')[1]}"
        assert "203.0.113.5" in water.get_body(preferencelist=("plain",)).get_content()
        [hook] = [h for h in Webhooks.received]
        assert hook["valid"] and hook["delivery"] in Webhooks.failed_once  # retried after the 500, same delivery id
        assert hook["payload"]["organisation"]["name"] == "Example ISP"
        assert [(e["indicator"], e["client"], e["count"]) for e in hook["payload"]["events"]] == [("c2.evil.example", "192.0.2.10", 2)]

        notices = requests.get(server.url + "/api/v1/notices", headers=admin, timeout=10).json()
        by_recipient = {n["recipients"]: n for n in notices}
        assert by_recipient["crash-data@crash.example"]["status"] == "unconfirmed"  # handed over, then killed: not resent
        assert by_recipient["crash-rcpt@crash.example"]["status"] == "sent"  # killed before DATA: sent again
        assert by_recipient["crash-rcpt@crash.example"]["attempts"] == 2
        assert by_recipient["abuse@isp.example"]["status"] == "sent"

        operator = token(vigil_bin, data, "isp-op")
        own = requests.get(server.url + "/api/v1/notices", headers=operator, timeout=10).json()
        assert {n["channel"] for n in own} == {"email", "webhook"} and {n["organisation_id"] for n in own} == {isp_id(notices)}
        water_notice = by_recipient["soc@water.example"]["id"]
        assert requests.get(server.url + f"/api/v1/notices/{water_notice}", headers=operator, timeout=10).status_code == 404
        sightings = requests.get(server.url + "/api/v1/sightings", headers=operator, timeout=10).json()
        assert [(s["client"] != "", s["organisation_id"]) for s in sightings] == [(True, isp_id(notices))]
        constituent = token(vigil_bin, data, "water-user")
        assert {s["organisation_id"] for s in requests.get(server.url + "/api/v1/sightings", headers=constituent, timeout=10).json()} \
            == {by_recipient["soc@water.example"]["organisation_id"]}
        orgs = requests.get(server.url + "/api/v1/organisations", headers=constituent, timeout=10).json()
        assert [o["name"] for o in orgs] == ["Water Utility"]
        other = requests.get(server.url + f"/api/v1/organisations/{isp_id(notices)}", headers=constituent, timeout=10)
        assert other.status_code == 404
        owner = requests.get(server.url + "/api/v1/owners", params={"value": "192.0.2.77"}, headers=admin, timeout=10).json()
        assert owner.get("organisation_name") is None  # 192.0.2.64/26 belongs to nobody
        owner = requests.get(server.url + "/api/v1/owners", params={"value": "mail.water.example"}, headers=admin, timeout=10).json()
        assert owner["organisation_name"] == "Water Utility"
    finally:
        server.stop()


def isp_id(notices):
    return next(n["organisation_id"] for n in notices if n["recipients"] == "abuse@isp.example")


def test_the_demo_isp_gets_its_subscribers_sighting_by_email_and_signed_webhook(vigil_bin, tmp_path):
    """The issue's "done when" on the demo data: `vigil demo` with a real SMTP server configured."""
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    hooks = ThreadingHTTPServer(("127.0.0.1", 0), Webhooks)
    threading.Thread(target=hooks.serve_forever, daemon=True).start()
    Webhooks.received.clear()
    config = tmp_path / "demo.yaml"
    config.write_text(f"""notices:
  round_seconds: 1
  retry_base_seconds: 1
  from: "CERT Exampleland <cert@cert.example>"
  smtp:
    host: 127.0.0.1
    port: {smtp.port}
    security: none
""")
    server = start(vigil_bin, ["demo", "--config", str(config), "--data", str(tmp_path / "demo")], tmp_path, "demo-notices")
    try:
        analyst, admin = ("analyst", "analyst-demo-pass"), ("admin", "admin-demo-pass")
        wait_for(lambda: mailbox.to("abuse@isp.example"), "the demo ISP's first notice (two days of demo sightings)")
        first = mailbox.to("abuse@isp.example")[0]
        assert "ExampleNet ISP" in first["Subject"] and list(first.iter_attachments())
        # The ISP adds its webhook (an import replaces the profile, so it lists its resources again).
        orgs = ("name,notice_period,asns,prefixes,contacts,webhook_url,webhook_secret\n"
                f"ExampleNet ISP,immediate,AS64500,198.51.100.0/24;192.0.2.0/26;2001:db8:1::/48,abuse@isp.example,"
                f"http://127.0.0.1:{hooks.server_port}/hook,{SECRET}\n")
        imported = requests.post(server.url + "/api/v1/organisations/import", params={"format": "csv"}, data=orgs, auth=admin, timeout=30)
        assert imported.status_code == 200 and imported.json()["updated"] == 1, imported.text
        domains = requests.get(server.url + "/api/v1/indicators", params={"type": "domain", "tlp": "GREEN", "status": "active", "limit": 50},
                               auth=analyst, timeout=10).json()["items"]
        domain = next(d["value"] for d in domains if not d.get("suppressed_by"))
        line = f"[{int(time.time())}] unbound[1:0] info: 192.0.2.33 {domain}. A IN\n"
        posted = requests.post(server.url + "/api/v1/telemetry", params={"format": "unbound", "observer": "isp-resolver"},
                               data=line, auth=analyst, timeout=30)
        assert posted.json()["statistics"]["hits"] == 1, posted.text
        wait_for(lambda: [m for m in mailbox.to("abuse@isp.example") if "192.0.2.33" in m.get_body(preferencelist=("plain",)).get_content()]
                 and Webhooks.received, "the e-mail and the webhook about 192.0.2.33")
        time.sleep(2)
        about = [m for m in mailbox.to("abuse@isp.example") if "192.0.2.33" in m.get_body(preferencelist=("plain",)).get_content()]
        assert len(about) == 1
        [csv] = [a.get_content() for a in about[0].iter_attachments()]
        assert f",{domain}," in csv and ",isp-resolver,192.0.2.33,1\r\n" in csv
        [hook] = Webhooks.received
        assert hook["valid"] and [(e["indicator"], e["client"]) for e in hook["payload"]["events"]] == [(domain, "192.0.2.33")]
        operator = ("operator", "operator-demo-pass")
        notices = requests.get(server.url + "/api/v1/notices", auth=operator, timeout=10).json()
        assert notices and {n["organisation_id"] for n in notices} == {"org-isp"}
        assert any(n["channel"] == "webhook" and n["status"] == "sent" for n in notices)
        sightings = requests.get(server.url + "/api/v1/sightings", params={"limit": 1000}, auth=operator, timeout=10).json()
        assert sightings and {s["organisation_id"] for s in sightings} == {"org-isp"}
        metrics = requests.get(server.url + "/metrics", timeout=10).text
        sent = [line for line in metrics.splitlines() if line.startswith('vigil_notice_deliveries_total{outcome="sent"}')]
        assert sent and float(sent[0].split()[-1]) >= 2, metrics  # at least the first e-mail, and the e-mail and webhook since
        other = requests.get(server.url + "/api/v1/notices", auth=("operator2", "operator2-demo-pass"), timeout=10).json()
        assert {n["organisation_id"] for n in other} <= {"org-other-isp"}
        assert not any(n["id"] in {o["id"] for o in other} for n in notices)
    finally:
        server.stop()
        smtp.stop()
        hooks.shutdown()


def wait_for(condition, what, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"waited {seconds} s for {what}")
