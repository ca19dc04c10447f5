"""`vigil order` end to end through the CLI: an analyst issues an order with a deadline, the
addressed operator acknowledges and completes it with evidence, another operator never sees it,
an overdue answer escalates, and statistics count it all."""
import json
from datetime import datetime, timedelta, timezone

import pytest

from conftest import run


@pytest.fixture
def data(vigil_bin, tmp_path):
    data = tmp_path / "data"
    assert run(vigil_bin, "init", data=data).returncode == 0
    for org in ("ISP One", "Other ISP"):
        assert run(vigil_bin, "org", "add", org, data=data).returncode == 0
    for user, org in (("isp-op", "ISP One"), ("other-op", "Other ISP")):
        added = run(vigil_bin, "user", "add", user, "--role", "operator", "--organisation", org, data=data)
        assert added.returncode == 0, added.stderr
    return data


def vigil_json(vigil_bin, data, *args):
    result = run(vigil_bin, *args, "--json", data=data)
    assert result.returncode == 0, f"vigil {' '.join(args)}: {result.stderr}"
    return json.loads(result.stdout)


def in_hours(hours):
    return (datetime.now(timezone.utc) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_order_from_issue_to_completion_and_escalation(vigil_bin, data):
    order = vigil_json(vigil_bin, data, "order", "create", "--reference", "CERT-2026-7", "--action", "stop-resolution",
                       "--deadline", in_hours(24), "--to", "ISP One", "--to", "Other ISP",
                       "--resource", "bad-host.net", "--resource", "45.9.148.7", "--legal-basis", "Act 12 §4")
    assert [a["status"] for a in order["addressees"]] == ["issued", "issued"]
    oid = order["id"]

    acked = vigil_json(vigil_bin, data, "order", "ack", oid, "--as", "isp-op")
    assert [a["status"] for a in acked["addressees"]] == ["acknowledged"], "an operator sees only its own answer"
    done = vigil_json(vigil_bin, data, "order", "complete", oid, "--evidence", "RPZ updated", "--as", "isp-op")
    assert done["addressees"][0]["status"] == "completed" and done["addressees"][0]["note"] == "RPZ updated"
    again = run(vigil_bin, "order", "reject", oid, "--reason", "too late", "--as", "isp-op", data=data)
    assert again.returncode == 1 and "completed" in again.stderr, again.stderr

    # Past the deadline, the other operator's open answer escalates, once.
    escalated = vigil_json(vigil_bin, data, "order", "escalate", "--at", in_hours(48))
    assert escalated == {"escalated": 1}
    assert vigil_json(vigil_bin, data, "order", "escalate", "--at", in_hours(49)) == {"escalated": 0}
    [mine] = vigil_json(vigil_bin, data, "order", "list", "--as", "other-op")
    assert mine["addressees"][0]["status"] == "escalated"

    stats = {s["organisation"]: s for s in vigil_json(vigil_bin, data, "order", "stats")}
    assert stats["ISP One"]["completed"] == 1 and stats["ISP One"]["escalated"] == 0
    assert stats["Other ISP"]["overdueNow"] == 1

    audit = vigil_json(vigil_bin, data, "audit", "verify")
    assert audit["intact"], audit


def test_operators_see_only_their_orders_and_cannot_issue(vigil_bin, data):
    vigil_json(vigil_bin, data, "order", "create", "--reference", "R1", "--action", "block", "--deadline", in_hours(2),
               "--to", "Other ISP", "--resource", "bad-host.net")
    assert vigil_json(vigil_bin, data, "order", "list", "--as", "isp-op") == []
    refused = run(vigil_bin, "order", "create", "--reference", "R2", "--action", "block", "--deadline", in_hours(2),
                  "--to", "Other ISP", "--resource", "x.net", "--as", "isp-op", data=data)
    assert refused.returncode == 1 and "cannot issue orders" in refused.stderr, refused.stderr


def test_a_resource_on_a_warning_list_is_refused_with_its_position(vigil_bin, data):
    refused = run(vigil_bin, "order", "create", "--reference", "R3", "--action", "block", "--deadline", in_hours(2),
                  "--to", "ISP One", "--resource", "bad-host.net", "--resource", "8.8.8.8", data=data)
    assert refused.returncode == 1, refused.stdout
    assert "resources[1]" in refused.stderr and "public-resolvers" in refused.stderr, refused.stderr
    assert vigil_json(vigil_bin, data, "order", "list") == [], "nothing stored"
