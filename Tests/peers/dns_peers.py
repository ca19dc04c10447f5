"""What the DNS peer tests share: the blocklist configuration and test data, the program check,
and an Unbound with a private root that applies given rpz: clauses."""
import json
import re
import shutil
import subprocess
import time

import pytest

from conftest import free_port, run

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


def blocklist_data(vigil_bin, tmp, extra_config=""):
    """A data directory with both test lists configured and their feeds imported."""
    data = tmp / "data"
    assert run(vigil_bin, "init", data=data).returncode == 0
    config = data / "vigil.yaml"
    # The test data lives in the documentation ranges and names, which the warning lists hold.
    text = config.read_text().replace("  exclude: []", "  exclude: [iana-documentation, reserved-tlds-documentation]")
    assert "reserved-tlds-documentation" in text
    assert "\nblocklists: []\n" in text
    if "zone_transfer:" in extra_config:
        text, count = re.subn(r"\nzone_transfer:\n.*?\n(?=\S)", "\n", text, flags=re.DOTALL)
        assert count == 1
    config.write_text(text.replace("\nblocklists: []\n", "\n") + CONFIG + extra_config)
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


def dig(port, name, rtype="A"):
    """Asks the server on 127.0.0.1:port; returns the status and the last field of each answer."""
    result = subprocess.run(["dig", "+tries=1", "+time=2", "-p", str(port), "@127.0.0.1", name, rtype],
                            capture_output=True, text=True)
    status = next((line.split("status: ")[1].split(",")[0] for line in result.stdout.splitlines()
                   if "status: " in line), None)
    answers = [line.split()[-1] for line in result.stdout.split(";; ANSWER SECTION:")[-1].split("\n\n")[0].splitlines()
               if "ANSWER SECTION" in result.stdout and line and not line.startswith(";")]
    return status, answers


def wait_for(check, timeout=20):
    """Calls check() until it returns something true or timeout seconds pass; returns the last value."""
    deadline = time.time() + timeout
    while True:
        value = check()
        if value or time.time() > deadline:
            return value
        time.sleep(0.3)


class Unbound:
    """An Unbound on a free loopback port with a private root and the given rpz: clauses."""

    def __init__(self, directory, rpz_clauses, port=None):
        need("unbound", "dig")
        self.port = port or free_port()
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
        return dig(self.port, name, rtype)

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
