"""Shared fixtures for the peer tests: the built `vigil` binary and running servers."""
import os
import socket
import subprocess
import time

import pytest
import requests


@pytest.fixture(scope="session")
def vigil_bin():
    path = os.environ.get("VIGIL_BIN")
    assert path and os.access(path, os.X_OK), "VIGIL_BIN must point at the built vigil binary (run scripts/test)"
    return path


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(vigil_bin, *args, data=None, stdin=None, env=None):
    """Runs vigil with args; returns the CompletedProcess (never raises on exit status)."""
    command = [vigil_bin, *args]
    if data:
        command += ["--data", str(data)]
    full_env = {**os.environ, **(env or {})}
    full_env.pop("VIGIL_DATABASE_URL", None)
    return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120, env=full_env)


class Server:
    def __init__(self, process, url, log):
        self.process, self.url, self.log = process, url, log

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(vigil_bin, args, tmp_path, name):
    port = free_port()
    log = open(tmp_path / f"{name}.log", "w")
    process = subprocess.Popen([vigil_bin, *args, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                               cwd=tmp_path)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"vigil exited early: {(tmp_path / f'{name}.log').read_text()}")
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                return Server(process, url, tmp_path / f"{name}.log")
        except requests.ConnectionError:
            time.sleep(0.3)
    process.kill()
    raise AssertionError("vigil did not answer /healthz within 90 s")


@pytest.fixture(scope="module")
def demo(vigil_bin, tmp_path_factory):
    """`vigil demo` exactly as the README runs it, on a free port, in a temporary directory."""
    tmp = tmp_path_factory.mktemp("demo")
    server = start(vigil_bin, ["demo"], tmp, "demo")
    yield server
    server.stop()


def init_data(vigil_bin, data):
    """`vigil init` of a data dir whose warning lists let the documentation names and ranges through
    (the peer tests use them as indicators, which the lists would otherwise suppress)."""
    result = run(vigil_bin, "init", data=data)
    assert result.returncode == 0, result.stderr
    config = data / "vigil.yaml"
    config.write_text(config.read_text().replace("  exclude: []", "  exclude: [iana-documentation, reserved-tlds-documentation]"))
    return config


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Saves a screenshot of the browser of a failed UI test (into VIGIL_SCREENSHOTS or the test's tmp dir)."""
    outcome = yield
    report = outcome.get_result()
    browser = getattr(item, "browser", None)
    if report.when == "call" and report.failed and browser is not None:
        folder = os.environ.get("VIGIL_SCREENSHOTS") or str(item.funcargs.get("tmp_path", "."))
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{item.name}.png")
        try:
            browser.save_screenshot(path)
            report.sections.append(("screenshot", f"saved {path}"))
        except Exception as error:  # the browser may be gone; the failure itself is what matters
            report.sections.append(("screenshot", f"none: {error}"))
