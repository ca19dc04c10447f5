"""The CLI's fixed names, exit statuses (0 ok, 1 user error, 2 usage) and messages, on a real data dir."""
import json
import sqlite3

import requests

from conftest import run, start


def test_init_user_token_indicator_and_audit(vigil_bin, tmp_path):
    data = tmp_path / "data"
    init = run(vigil_bin, "init", "--organisation", "CERT Testland", "--json", data=data)
    assert init.returncode == 0, init.stderr
    admin_password = json.loads(init.stdout)["password"]
    assert len(admin_password) >= 20
    again = run(vigil_bin, "init", data=data)
    assert again.returncode == 1 and "already initialised" in again.stderr

    added = run(vigil_bin, "user", "add", "alice", "--role", "analyst", "--organisation", "CERT Testland",
                "--password-stdin", data=data, stdin="correct-horse-battery\n")
    assert added.returncode == 0, added.stderr
    bad_role = run(vigil_bin, "user", "add", "bob", "--role", "wizard", "--organisation", "CERT Testland", data=data)
    assert bad_role.returncode == 2 and "wizard" in bad_role.stderr

    indicator = run(vigil_bin, "indicator", "add", "HTTP://Evil.EXAMPLE:80/a/../login", "--type", "url",
                    "--threat-type", "phishing", "--tlp", "green", "--as", "alice", "--json", data=data)
    assert indicator.returncode == 0, indicator.stderr
    record = json.loads(indicator.stdout)
    assert record["value"] == "http://evil.example/login"
    bad = run(vigil_bin, "indicator", "add", "1.2.3.04", "--type", "ipv4", "--as", "alice", data=data)
    assert bad.returncode == 1 and "1.2.3.04" in bad.stderr and "leading zero" in bad.stderr

    found = run(vigil_bin, "indicator", "search", "--type", "url", "--json", "--as", "alice", data=data)
    assert [item["id"] for item in json.loads(found.stdout)["items"]] == [record["id"]]
    revoked = run(vigil_bin, "indicator", "revoke", record["id"], "--reason", "test", "--as", "alice", data=data)
    assert revoked.returncode == 0, revoked.stderr

    token = run(vigil_bin, "token", "create", "--user", "alice", "--name", "ci", "--json", data=data)
    secret = json.loads(token.stdout)["secret"]
    server = start(vigil_bin, ["serve", "--data", str(data)], tmp_path, "serve")
    try:
        me = requests.get(server.url + "/api/v1/users/me", headers={"Authorization": f"Bearer {secret}"}, timeout=10)
        assert me.status_code == 200 and me.json()["username"] == "alice"
        shown = requests.get(server.url + f"/api/v1/indicators/{record['id']}", headers={"Authorization": f"Bearer {secret}"},
                             timeout=10).json()
        assert shown["indicator"]["status"] == "revoked"
        assert [h["change"] for h in shown["history"]] == ["created", "revoked"]
        assert "Authorization" not in server.log.read_text() and secret not in server.log.read_text()
    finally:
        server.stop()

    verify = run(vigil_bin, "audit", "verify", data=data)
    assert verify.returncode == 0 and "intact" in verify.stdout
    with sqlite3.connect(data / "vigil.sqlite") as db:
        db.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
    tampered = run(vigil_bin, "audit", "verify", "--json", data=data)
    assert tampered.returncode == 1
    report = json.loads(tampered.stdout)
    assert not report["intact"] and any(p.startswith("seq 2: changed") for p in report["problems"])


def test_bad_configuration_names_file_line_and_key(vigil_bin, tmp_path):
    config = tmp_path / "vigil.yaml"
    config.write_text("data_dir: ./x\nserver:\n  listen: 127.0.0.1:99999\ndatbase:\n  url: sqlite:x\n")
    result = run(vigil_bin, "user", "list", "--config", str(config))
    assert result.returncode == 1
    assert f"{config}:3: server.listen" in result.stderr
    assert f"{config}:4: unknown key \"datbase\"" in result.stderr


def test_usage_errors_exit_2(vigil_bin, tmp_path):
    assert run(vigil_bin, "no-such-command").returncode == 2
    assert run(vigil_bin, "indicator", "show").returncode == 2
    assert run(vigil_bin, "--help").returncode == 0
