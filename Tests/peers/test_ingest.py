"""`vigil ingest` end to end: crash safety (kill -9 mid-run), every format's sample through the CLI,
stdin and idempotence, and bounded memory on an overlong line.

Everything runs the built binary on a fresh data dir and checks the SQLite store directly where the
CLI cannot show a property (row counts, the run row left by a killed process).
"""
import gzip
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from conftest import run

REPO = Path(__file__).resolve().parents[2]
FEEDS = REPO / "Tests" / "VigilFormatsTests" / "Feeds"

# The crash test's feed size. The brief asked for ~300,000 lines, but this debug build stores new
# indicators at ~4,000/s on the 2-core test machine (300,000 take ~75 s, a rerun of them all ~16 s),
# which would put the test far over its ~60 s budget. 100,000 lines (50 batches of 2,000) take
# ~25 s on the first run and still leave seconds to kill the process mid-way. Set
# VIGIL_CRASH_LINES=300000 to run the full size.
CRASH_LINES = int(os.environ.get("VIGIL_CRASH_LINES", "100000"))
BATCH = 2_000  # items per ingest transaction in the crash test (`--batch-size`)
# Kill once this many items are committed: several batches in, so the rerun meets items the killed
# run already stored in earlier transactions, and still far from the end.
KILL_AFTER = min(5 * BATCH, CRASH_LINES // 4)

# Formats `vigil ingest --help` lists; each must have at least one sample below.
FORMATS = {
    "plain", "csv", "jsonl", "stix", "misp", "urlhaus-csv", "feodo-csv", "threatfox-json", "spamhaus-drop",
    "firehol-netset", "blocklist-de", "openphish", "phishtank-json", "dshield-block", "et-compromised",
}

# Options the generic samples are parsed with in CSVFormatTests / JSONLinesFormatTests (sampleOptions).
CSV_OPTIONS = {
    "value_column": "indicator", "type_column": "kind", "threat_type_column": "category", "tags_column": "labels",
    "confidence_column": "score", "first_seen_column": "first_seen", "last_seen_column": "last_seen",
    "id_column": "ref", "description_column": "note", "tlp_column": "tlp",
}
JSONL_OPTIONS = {
    "value_field": "ioc.value", "type_field": "ioc.type", "threat_type_field": "threat", "tags_field": "tags",
    "confidence_field": "confidence", "first_seen_field": "first_seen", "last_seen_field": "last_seen",
    "id_field": "id", "tlp_field": "tlp", "description_field": "comment",
}

# Sample path (relative to FEEDS) -> (format, options). Public samples are named after their format.
NAMED_SAMPLES = {
    "Generic/Samples/plain-blocklist.txt": ("plain", {}),
    "Generic/Samples/csv-column-map.csv": ("csv", CSV_OPTIONS),
    "Generic/Samples/jsonl-field-map.jsonl": ("jsonl", JSONL_OPTIONS),
    "STIX/Samples/stix-bundle.json": ("stix", {}),
    "MISP/Samples/misp-event.json": ("misp", {}),
    "MISP/Samples/misp-response.json": ("misp", {}),
    "MISP/Samples/feed/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.json": ("misp", {}),
    "MISP/Samples/feed/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e.json": ("misp", {}),
    "Public/Samples/spamhaus-drop.json": ("spamhaus-drop", {}),
}
# Files under Samples/ that are not feed input for `vigil ingest`.
NOT_FEEDS = {
    "Public/Samples/SOURCES.md": "notes on where each public sample comes from",
    "MISP/Samples/feed/manifest.json": "MISP feed index (MISPFeedIndex), not an event",
    "MISP/Samples/feed/hashes.csv": "MISP feed value hashes (MISPFeedIndex.hashes), not an event",
}
# Samples without deliberately bad lines (the MISP feed's event files); every other one has some.
CLEAN_SAMPLES = {
    "MISP/Samples/feed/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.json",
    "MISP/Samples/feed/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e.json",
}

# How a rejection is printed: `source NAME, line 7[ (id)][, field F]: reason` or `source NAME, object ID…`.
REJECTION_LINE = re.compile(r"^source (?P<source>[a-z0-9._-]+), (line \d+|object \S+)")


# ---------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------

def all_sample_files():
    """Every file under Feeds/*/Samples/, relative to FEEDS, as POSIX strings."""
    return sorted(path.relative_to(FEEDS).as_posix()
                  for path in FEEDS.glob("*/Samples/**/*") if path.is_file())


def sample_format(relative):
    """(format, options) of a feed sample; None for a file in NOT_FEEDS or one this file cannot map
    (test_every_format_has_a_sample_and_every_sample_a_format fails for the latter)."""
    if relative in NAMED_SAMPLES:
        return NAMED_SAMPLES[relative]
    stem = Path(relative).stem
    if relative.startswith("Public/Samples/") and stem in FORMATS:
        return stem, {}
    return None


def feed_samples():
    """pytest params (format, relative path, options) for every feed sample."""
    params = []
    for relative in all_sample_files():
        mapped = sample_format(relative)
        if mapped:
            params.append(pytest.param(mapped[0], relative, mapped[1], id=relative.replace("/Samples/", ":")))
    return params


def option_args(options):
    """`--option K=V` arguments for a dict of format options."""
    return [arg for key, value in sorted(options.items()) for arg in ("--option", f"{key}={value}")]


def vigil_env():
    """The environment `run` gives vigil: this one without VIGIL_DATABASE_URL (so --data decides)."""
    env = dict(os.environ)
    env.pop("VIGIL_DATABASE_URL", None)
    return env


@pytest.fixture(scope="module")
def pristine(vigil_bin, tmp_path_factory):
    """A data dir just after `vigil init`; tests copy it (init hashes a password and costs ~1 s)."""
    data = tmp_path_factory.mktemp("pristine") / "data"
    init = run(vigil_bin, "init", data=data)
    assert init.returncode == 0, f"vigil init failed: {init.stderr}"
    return data


@pytest.fixture
def data(pristine, tmp_path):
    """A fresh initialised data dir of this test's own."""
    target = tmp_path / "data"
    shutil.copytree(pristine, target)
    return target


def ingest(vigil_bin, data, source, fmt, *files, options=None, extra=()):
    """`vigil ingest --source S --format F [--option K=V…] [extra] FILE…`; returns the CompletedProcess."""
    return run(vigil_bin, "ingest", "--source", source, "--format", fmt, *option_args(options or {}), *extra,
               *files, data=data)


def ingest_json(vigil_bin, data, source, fmt, path, options=None):
    """`vigil ingest --json` of one file that must succeed; returns its single report."""
    result = ingest(vigil_bin, data, source, fmt, str(path), options=options, extra=["--json"])
    assert result.returncode == 0, f"ingest {fmt} {path} exited {result.returncode}: {result.stderr}"
    reports = json.loads(result.stdout)
    assert len(reports) == 1, f"one file, one report expected: {result.stdout}"
    return reports[0]


def ingest_piped(vigil_bin, data, source, fmt, path, extra=()):
    """`cat PATH | vigil ingest --source S --format F [extra] -` through a real pipe; returns vigil's
    CompletedProcess."""
    with subprocess.Popen(["cat", str(path)], stdout=subprocess.PIPE) as cat:
        result = subprocess.run([vigil_bin, "ingest", "--data", str(data), "--source", source, "--format", fmt,
                                 *extra, "-"], stdin=cat.stdout, capture_output=True, text=True, timeout=120,
                                env=vigil_env())
        cat.stdout.close()
    assert cat.returncode == 0, f"cat exited {cat.returncode}: vigil stopped reading stdin early? {result.stderr}"
    return result


def reports(vigil_bin, data, source):
    """The source's runs from `vigil source reports --json`, newest first."""
    result = run(vigil_bin, "source", "reports", source, "--json", data=data)
    assert result.returncode == 0, f"source reports {source}: {result.stderr}"
    return json.loads(result.stdout)


def stored_rejections(vigil_bin, data, source, run_id):
    """The rejected lines stored for one run (`vigil source reports NAME --run ID --json`)."""
    result = run(vigil_bin, "source", "reports", source, "--run", run_id, "--json", data=data)
    assert result.returncode == 0, f"source reports {source} --run {run_id}: {result.stderr}"
    return json.loads(result.stdout)


def assert_audit_intact(vigil_bin, data):
    result = run(vigil_bin, "audit", "verify", "--json", data=data)
    report = json.loads(result.stdout) if result.stdout.strip() else {}
    assert result.returncode == 0 and report.get("intact"), \
        f"audit chain broken (exit {result.returncode}): {result.stdout} {result.stderr}"


def read_only(db_path):
    """A read-only connection to the store (never creates, never writes)."""
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=2)


def query(db_path, sql, params=(), attempts=50):
    """Runs one read-only query on a fresh connection and returns all rows; retries while the
    database is locked or busy (a writer may hold it), up to `attempts` times."""
    for attempt in range(attempts):
        try:
            with closing(read_only(db_path)) as db:
                return db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as error:
            text = str(error)
            if ("locked" not in text and "busy" not in text) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def scalar(db_path, sql, params=()):
    return query(db_path, sql, params)[0][0]


def write_plain_feed(path, count, domain):
    """A plain feed of `count` distinct names h0.DOMAIN, h1.DOMAIN, … one per line."""
    with open(path, "w") as feed:
        feed.writelines(f"h{i}.{domain}\n" for i in range(count))


def peak_rss_kib(command):
    """Runs `command` under a Python parent that reports its children's peak RSS (KiB), so that
    earlier children of this pytest process do not count. Returns (exit status, peak RSS)."""
    wrapper = ("import json, resource, subprocess, sys\n"
               "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
               "print(json.dumps([done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n")
    result = subprocess.run([sys.executable, "-c", wrapper, *command], stdin=subprocess.DEVNULL, capture_output=True,
                            text=True, timeout=120, env=vigil_env())
    assert result.returncode == 0, f"RSS wrapper failed: {result.stderr}"
    status, rss = json.loads(result.stdout)
    return status, rss


# ---------------------------------------------------------------------------------------------------
# 1. kill -9 in the middle of a run
# ---------------------------------------------------------------------------------------------------

def test_kill_9_mid_run_leaves_a_consistent_store_and_a_rerun_completes_it(vigil_bin, data, tmp_path):
    feed = tmp_path / "crash.txt"
    write_plain_feed(feed, CRASH_LINES, "crash-test.net")
    db_path = data / "vigil.sqlite"
    command = [vigil_bin, "ingest", "--data", str(data), "--source", "crash", "--format", "plain",
               "--batch-size", str(BATCH), str(feed)]
    log_path = tmp_path / "killed-ingest.log"
    log = open(log_path, "w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=vigil_env())
    committed = 0
    started = time.time()
    try:
        while time.time() - started < 90:
            assert process.poll() is None, (
                f"the ingest of {CRASH_LINES} lines ended (exit {process.returncode}, {committed} items seen "
                f"committed) before it could be killed mid-way; if it succeeded, raise VIGIL_CRASH_LINES. "
                f"Output: {log_path.read_text()[-1000:]}")
            try:
                committed = scalar(db_path, "SELECT count(*) FROM indicators")
            except sqlite3.OperationalError:
                committed = 0  # tables not readable yet (e.g. first open while the writer sets up WAL)
            if KILL_AFTER <= committed < CRASH_LINES:
                os.kill(process.pid, signal.SIGKILL)
                break
            time.sleep(0.05)
        else:
            raise AssertionError(f"no {KILL_AFTER} items committed within 90 s (saw {committed})")
    finally:
        if process.poll() is None:
            process.kill()  # a second SIGKILL after the one above is harmless
        process.wait(timeout=30)
        log.close()
    assert process.returncode == -signal.SIGKILL, f"ingest was not killed by SIGKILL: exit {process.returncode}"

    # The store as the killed process left it (its last batch may have been rolled back).
    assert_audit_intact(vigil_bin, data)
    source_id = scalar(db_path, "SELECT id FROM sources WHERE name = 'crash'")
    stored = scalar(db_path, "SELECT count(*) FROM indicators")
    assert 0 < stored < CRASH_LINES, f"expected a partial import after the kill, found {stored} indicators"
    assert stored % BATCH == 0, f"{stored} indicators is not a whole number of {BATCH}-item batches: a batch half-committed"
    provenance = scalar(db_path, "SELECT count(*) FROM provenance WHERE source_id = ?", (source_id,))
    created = scalar(db_path, "SELECT count(*) FROM indicator_history WHERE change = 'created'")
    assert provenance == created == stored, \
        f"indicators {stored}, provenance rows {provenance}, 'created' history rows {created}: should be equal"
    orphans = scalar(db_path, """
        SELECT count(*) FROM indicators i
        WHERE (SELECT count(*) FROM provenance p WHERE p.indicator_id = i.id AND p.source_id = ?) != 1
           OR (SELECT count(*) FROM indicator_history h WHERE h.indicator_id = i.id AND h.change = 'created') != 1
        """, (source_id,))
    assert orphans == 0, f"{orphans} indicators lack exactly one provenance row and one 'created' history row"
    runs = query(db_path, "SELECT id, status, items_new, finished_at FROM import_runs WHERE source_id = ?", (source_id,))
    assert len(runs) == 1, f"one import run expected, found {runs}"
    killed_id, status, run_new, finished_at = runs[0]
    assert status == "running" and finished_at is None, f"the killed run should still say running: {runs[0]}"
    assert run_new == stored, f"the run's committed count ({run_new}) differs from the indicators stored ({stored})"
    batch_new = query(db_path, "SELECT details FROM audit_log WHERE action = 'ingest.batch' AND target = ?", (killed_id,))
    assert sum(int(json.loads(details)["new"]) for (details,) in batch_new) == stored, \
        "the audit log's ingest.batch entries do not add up to the indicators stored"

    # The same ingest again completes the feed: nothing lost, nothing twice.
    rerun = run(vigil_bin, "ingest", "--source", "crash", "--format", "plain", "--json", str(feed), data=data)
    assert rerun.returncode == 0, f"rerun after the kill failed: {rerun.stderr}"
    assert scalar(db_path, "SELECT count(*) FROM indicators") == CRASH_LINES, "indicators after the rerun"
    assert scalar(db_path, "SELECT count(DISTINCT value) FROM indicators") == CRASH_LINES, "duplicate values stored"
    assert scalar(db_path, "SELECT count(*) FROM provenance WHERE source_id = ?", (source_id,)) == CRASH_LINES
    assert scalar(db_path, "SELECT count(*) FROM indicator_history WHERE change = 'created'") == CRASH_LINES

    by_id = {report["id"]: report for report in reports(vigil_bin, data, "crash")}
    assert len(by_id) == 2, f"two runs expected: {list(by_id.values())}"
    assert by_id[killed_id]["status"] == "interrupted", f"killed run: {by_id[killed_id]}"
    assert by_id[killed_id]["finishedAt"] is not None, "an interrupted run gets a finish time"
    assert by_id[killed_id]["new"] == stored, f"the interrupted run should report what it committed: {by_id[killed_id]}"
    new_run = json.loads(rerun.stdout)[0]["run"]
    assert by_id[new_run["id"]]["status"] == "succeeded"
    assert new_run["new"] + new_run["unchanged"] == CRASH_LINES, f"rerun counts: {new_run}"
    assert (new_run["unchanged"], new_run["new"], new_run["updated"], new_run["rejected"]) == \
        (stored, CRASH_LINES - stored, 0, 0), f"rerun should find the {stored} committed items unchanged: {new_run}"
    assert new_run["linesRead"] == CRASH_LINES
    assert_audit_intact(vigil_bin, data)


# ---------------------------------------------------------------------------------------------------
# 2. Every format's samples through the CLI
# ---------------------------------------------------------------------------------------------------

def test_every_format_has_a_sample_and_every_sample_a_format():
    files = all_sample_files()
    assert len(files) > len(FORMATS), f"no samples found under {FEEDS}"
    unmapped = [relative for relative in files if relative not in NOT_FEEDS and not sample_format(relative)]
    assert not unmapped, f"samples with no format: {unmapped}; add them to NAMED_SAMPLES or NOT_FEEDS"
    assert not set(NOT_FEEDS) - set(files), f"NOT_FEEDS names missing files: {sorted(set(NOT_FEEDS) - set(files))}"
    covered = {mapped[0] for mapped in map(sample_format, files) if mapped}
    assert covered == FORMATS, f"formats without a sample: {sorted(FORMATS - covered)}; unknown: {sorted(covered - FORMATS)}"


@pytest.mark.parametrize("fmt, relative, options", feed_samples())
def test_sample_ingests_through_the_cli(vigil_bin, data, fmt, relative, options):
    path = FEEDS / relative
    first = ingest_json(vigil_bin, data, "sample", fmt, path, options)
    run_report = first["run"]
    assert run_report["status"] == "succeeded", f"{relative}: {run_report}"
    assert run_report["new"] > 0, f"{relative} stored nothing: {run_report}"
    if relative in CLEAN_SAMPLES:
        assert run_report["rejected"] == 0, f"{relative} has no bad lines, yet: {first['rejections']}"
    else:
        assert run_report["rejected"] > 0, f"{relative} has deliberately bad lines, none rejected: {run_report}"
    assert len(first["rejections"]) == run_report["rejected"], \
        f"--json lists {len(first['rejections'])} rejections of {run_report['rejected']}"
    for rejection in first["rejections"]:
        assert REJECTION_LINE.match(rejection), f"rejection names no line or object: {rejection!r}"
    stored = stored_rejections(vigil_bin, data, "sample", run_report["id"])
    assert len(stored) == run_report["rejected"]
    assert all(item.get("line") or item.get("objectID") for item in stored), f"stored rejection without place: {stored}"

    # The same file again, text output: nothing new, the same rejections, all printed.
    again = ingest(vigil_bin, data, "sample", fmt, str(path), options=options)
    assert again.returncode == 0, f"second ingest of {relative}: {again.stderr}"
    summary = re.search(r"succeeded — read (\d+), new (\d+), updated (\d+), unchanged (\d+), suppressed \d+, "
                        r"rejected (\d+)", again.stdout)
    assert summary, f"no summary line in: {again.stdout}"
    read, new, updated, unchanged, rejected = map(int, summary.groups())
    items = run_report["new"] + run_report["updated"] + run_report["unchanged"]
    assert (read, new, updated, unchanged, rejected) == (run_report["linesRead"], 0, 0, items, run_report["rejected"]), \
        f"second run of {relative} should change nothing: {summary.group(0)} after {run_report}"
    printed = [line.removeprefix("  rejected: ") for line in again.stdout.splitlines() if line.startswith("  rejected: ")]
    assert printed == first["rejections"], f"printed rejections differ from the --json ones:\n{again.stdout}"


@pytest.mark.parametrize("fmt, relative, skipped", [
    ("stix", "STIX/Samples/stix-bundle.json", "relationship"),  # STIXFormatTests: 2 relationship, 1 malware, …
    ("misp", "MISP/Samples/misp-event.json", "comment"),  # MISPFormatTests: link, comment, text, filename, …
])
def test_skipped_content_is_named_in_the_report(vigil_bin, data, fmt, relative, skipped):
    report = ingest_json(vigil_bin, data, "skips", fmt, FEEDS / relative)
    assert skipped in report["run"]["message"], f"run message does not mention skipped {skipped}: {report['run']}"


def test_strict_fails_a_run_with_rejected_lines(vigil_bin, data):
    path = FEEDS / "Generic/Samples/plain-blocklist.txt"
    result = ingest(vigil_bin, data, "strict", "plain", str(path), extra=["--strict"])
    assert result.returncode == 1, f"--strict with bad lines should exit 1, got {result.returncode}: {result.stdout}"
    assert "failed" in result.stdout and "source strict, line 14" in result.stdout, result.stdout
    [report] = reports(vigil_bin, data, "strict")
    assert report["status"] == "failed" and report["rejected"] == 3, report
    assert report["message"] == "rejected lines with --strict", report
    clean = FEEDS / "MISP/Samples/feed/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d.json"
    ok = ingest(vigil_bin, data, "strict-clean", "misp", str(clean), extra=["--strict"])
    assert ok.returncode == 0, f"--strict without bad lines should succeed: {ok.stderr}"
    assert_audit_intact(vigil_bin, data)


# ---------------------------------------------------------------------------------------------------
# 3. stdin and idempotence
# ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, relative", [
    ("plain", "Generic/Samples/plain-blocklist.txt"),
    ("stix", "STIX/Samples/stix-bundle.json"),  # a document format: the whole input is one JSON value
])
def test_stdin_ingest_twice_is_idempotent(vigil_bin, data, fmt, relative):
    path = FEEDS / relative
    runs = []
    for attempt in (1, 2):
        result = ingest_piped(vigil_bin, data, "piped", fmt, path, extra=["--json"])
        assert result.returncode == 0, f"cat {relative} | vigil ingest - (run {attempt}): {result.stderr}"
        runs.append(json.loads(result.stdout)[0]["run"])
    first, second = runs
    assert first["new"] > 0 and first["rejected"] > 0, f"first run from stdin: {first}"
    assert second["new"] == 0 and second["updated"] == 0, f"second run stored something again: {second}"
    assert second["rejected"] == first["rejected"], f"rejected {first['rejected']} then {second['rejected']}"
    assert second["unchanged"] == first["new"] + first["updated"] + first["unchanged"], (first, second)
    db_path = data / "vigil.sqlite"
    assert scalar(db_path, "SELECT count(*) FROM indicators") == first["new"], "the second run added indicators"
    assert scalar(db_path, "SELECT count(*) FROM provenance WHERE times_seen != 2") == 0, \
        "every provenance row should count two listings"
    listed = run(vigil_bin, "source", "list", "--json", data=data)
    [source] = [s for s in json.loads(listed.stdout) if s["name"] == "piped"]
    assert source["kind"] == "stdin", f"a source created from - should be a stdin source: {source}"


# ---------------------------------------------------------------------------------------------------
# 4. Bounded input
# ---------------------------------------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


def test_ten_megabyte_line_is_rejected_and_the_rest_loads(vigil_bin, data, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("h0.bounded-test.net\n")
    feed = tmp_path / "long-line.txt"
    with open(feed, "wb") as out:
        out.write(b"h1.bounded-test.net\n")
        out.write(b"a" * TEN_MB)  # one line, no line break inside
        out.write(b"\nh2.bounded-test.net\nh3.bounded-test.net\n")

    def command(path, source):
        return [vigil_bin, "ingest", "--data", str(data), "--source", source, "--format", "plain", str(path)]

    status, baseline_rss = peak_rss_kib(command(small, "baseline"))
    assert status == 0
    status, long_rss = peak_rss_kib(command(feed, "long-probe"))
    assert status == 0, "ingest of a file with a 10 MB line failed"
    assert long_rss - baseline_rss < 8 * 1024, \
        f"a 10 MB line raised peak RSS from {baseline_rss} KiB to {long_rss} KiB: the line was buffered"

    report = ingest_json(vigil_bin, data, "long", "plain", feed)
    run_report = report["run"]
    assert (run_report["status"], run_report["linesRead"], run_report["rejected"]) == ("succeeded", 4, 1), run_report
    assert report["rejections"] == [f"source long, line 2: line of {TEN_MB} bytes exceeds the line length limit"], \
        report["rejections"]
    assert run_report["new"] + run_report["updated"] + run_report["unchanged"] == 3, run_report
    for name in ("h1.bounded-test.net", "h2.bounded-test.net", "h3.bounded-test.net"):
        found = run(vigil_bin, "indicator", "search", "--type", "domain", "--value", name, "--json", "--as", "admin",
                    data=data)
        assert found.returncode == 0 and [i["value"] for i in json.loads(found.stdout)["items"]] == [name], \
            f"{name} not stored: {found.stdout} {found.stderr}"


def test_ten_megabyte_last_line_without_line_break_from_stdin(vigil_bin, data, tmp_path):
    feed = tmp_path / "long-tail.txt"
    with open(feed, "wb") as out:
        out.write(b"h1.tail-test.net\nh2.tail-test.net\n")
        out.write(b"b" * TEN_MB)  # the input ends inside this line
    result = ingest_piped(vigil_bin, data, "tail", "plain", feed, extra=["--json"])
    assert result.returncode == 0, f"stdin ending in a 10 MB line: exit {result.returncode}: {result.stderr}"
    [report] = json.loads(result.stdout)
    assert (report["run"]["linesRead"], report["run"]["new"], report["run"]["rejected"]) == (3, 2, 1), report["run"]
    assert report["rejections"] == [f"source tail, line 3: line of {TEN_MB} bytes exceeds the line length limit"]


def test_gzip_feeds_are_inflated_bounded_and_checked(vigil_bin, data, tmp_path):
    """A .gz feed (file and stdin) loads like the plain one; a cut-off one keeps what came before
    the cut and fails the run naming the truncation; a gzip bomb stops at the source's max_bytes."""
    names = [f"h{i}.gzip-test.net" for i in range(20_000)]
    plain = "\n".join(names) + "\n"
    whole = tmp_path / "feed.txt.gz"
    whole.write_bytes(gzip.compress(plain.encode()))
    report = ingest_json(vigil_bin, data, "gz", "plain", whole)
    assert (report["run"]["status"], report["run"]["linesRead"], report["run"]["new"]) == ("succeeded", 20_000, 20_000), \
        report["run"]
    piped = ingest_piped(vigil_bin, data, "gz", "plain", whole, extra=["--json"])
    [again] = json.loads(piped.stdout)
    assert (again["run"]["new"], again["run"]["unchanged"]) == (0, 20_000), again["run"]

    # Cut inside the compressed stream, and named without .gz: detection is by content.
    compressed = gzip.compress("\n".join(f"t{i}.gzip-cut.net" for i in range(50_000)).encode() + b"\n")
    cut = tmp_path / "cut-feed"
    cut.write_bytes(compressed[: len(compressed) // 2])
    result = ingest(vigil_bin, data, "cut", "plain", str(cut), extra=["--json"])
    [cut_report] = json.loads(result.stdout)
    assert result.returncode == 1 and cut_report["run"]["status"] == "failed", (result.returncode, cut_report["run"])
    assert "gzip input truncated" in cut_report["run"]["message"], cut_report["run"]["message"]
    stored = 1000 < cut_report["run"]["new"] < 50_000
    assert stored, f"the lines before the cut should be stored: {cut_report['run']}"

    # 64 MiB of lines in well under a megabyte; the source allows 1 MiB.
    bomb = tmp_path / "bomb.gz"
    bomb.write_bytes(gzip.compress(b"x.gzip-bomb.net\n" * (4 << 20)))
    assert bomb.stat().st_size < 1 << 20
    added = run(vigil_bin, "source", "add", "bomb", "--format", "plain", "--location", str(bomb),
                "--max-bytes", str(1 << 20), data=data)
    assert added.returncode == 0, added.stderr
    status, rss = peak_rss_kib([vigil_bin, "ingest", "--data", str(data), "--source", "bomb", "--format", "plain",
                                str(bomb)])
    assert status == 1, "a run stopped by the size limit fails"
    [bomb_report] = reports(vigil_bin, data, "bomb")[:1]
    assert "exceeds the source's limit of 1048576 bytes" in bomb_report["message"], bomb_report
    assert bomb_report["linesRead"] == (1 << 20) // 16, bomb_report
    assert rss < 300 * 1024, f"peak RSS {rss} KiB while inflating a bomb"
