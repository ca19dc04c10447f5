"""HTTP(S) pull sources against a real local HTTP server: conditional requests (ETag, 304),
404, a slow trickling answer, a truncated answer and an oversized one."""
import gzip
import http.server
import json
import threading
import time

import pytest

from conftest import run

FEED = "\n".join(f"host{i}.http-feed.net" for i in range(50)) + "\n1.2.3.04\n"


class FeedHandler(http.server.BaseHTTPRequestHandler):
    requests = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        FeedHandler.requests.append((self.path, self.headers.get("If-None-Match")))
        body = FEED.encode()
        if self.path == "/feed.txt":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow.txt":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for start in range(0, len(body), 200):
                self.wfile.write(body[start:start + 200])
                self.wfile.flush()
                time.sleep(0.2)
        elif self.path == "/truncated.txt":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) + 5000))
            self.end_headers()
            self.wfile.write(body[:100])
            self.wfile.flush()
            self.close_connection = True
        elif self.path == "/feed.txt.gz":
            packed = gzip.compress(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Length", str(len(packed)))
            self.end_headers()
            self.wfile.write(packed)
        elif self.path == "/big.txt":
            big = ("x" * 60 + ".http-feed.net\n").encode() * 2000
            self.send_response(200)
            self.send_header("Content-Length", str(len(big)))
            self.end_headers()
            self.wfile.write(big)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def data(vigil_bin, tmp_path):
    directory = tmp_path / "data"
    assert run(vigil_bin, "init", data=directory).returncode == 0
    return directory


def add(vigil_bin, data, name, url, *extra):
    result = run(vigil_bin, "source", "add", name, "--collector", "http", "--format", "plain", "--location", url, *extra, data=data)
    assert result.returncode == 0, result.stderr


def collect(vigil_bin, data, name):
    result = run(vigil_bin, "source", "run", name, "--json", data=data)
    return result, (json.loads(result.stdout)["run"] if result.stdout.strip() else None)


def test_conditional_pull_parses_once_then_gets_304(vigil_bin, data, server):
    add(vigil_bin, data, "feed", server + "/feed.txt")
    first, report = collect(vigil_bin, data, "feed")
    assert first.returncode == 0, first.stderr
    assert report["status"] == "succeeded" and report["new"] == 50 and report["rejected"] == 1, report
    second, report = collect(vigil_bin, data, "feed")
    assert second.returncode == 0, second.stderr
    assert report["status"] == "not-modified" and report["linesRead"] == 0, report
    assert FeedHandler.requests[-1] == ("/feed.txt", '"v1"'), "the second pull sends the stored ETag"


def test_gzip_answers_are_inflated(vigil_bin, data, server):
    add(vigil_bin, data, "packed", server + "/feed.txt.gz")
    result, report = collect(vigil_bin, data, "packed")
    assert result.returncode == 0 and report["new"] == 50 and report["rejected"] == 1, (result.stderr, report)


def test_slow_answers_still_load(vigil_bin, data, server):
    add(vigil_bin, data, "slow", server + "/slow.txt")
    result, report = collect(vigil_bin, data, "slow")
    assert result.returncode == 0 and report["new"] == 50, (result.stderr, report)


@pytest.mark.parametrize("path, expected", [
    ("/missing.txt", "HTTP 404"),
    ("/truncated.txt", "broke off"),
    ("/big.txt", "max_bytes"),
])
def test_failed_pulls_are_reported_and_store_nothing(vigil_bin, data, server, path, expected):
    add(vigil_bin, data, "bad", server + path, "--max-bytes", "65536")
    result, report = collect(vigil_bin, data, "bad")
    assert result.returncode == 1, result.stdout
    assert report["status"] == "failed" and expected in report["message"], report
    listed = run(vigil_bin, "indicator", "search", "--json", data=data)
    assert json.loads(listed.stdout)["items"] == [], "a failed pull stores nothing"
