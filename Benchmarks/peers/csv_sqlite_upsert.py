#!/usr/bin/env python3
"""The script a CERT would write instead of Vigil: Python's csv module and sqlite3 executemany
upsert into one indexed table. No canonicalisation, no warning lists, no provenance or history.

Usage: csv_sqlite_upsert.py FEED.csv DB.sqlite
Prints as its last line: {"items": <rows>, "seconds": <s>} (the vigil-bench peer protocol).
"""
import csv
import json
import sqlite3
import sys
import time


def main(feed, database):
    start = time.perf_counter()
    db = sqlite3.connect(database)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("""CREATE TABLE IF NOT EXISTS indicators (
        value TEXT NOT NULL, type TEXT NOT NULL, threat TEXT, confidence INTEGER,
        first_seen TEXT, last_seen TEXT, UNIQUE (type, value))""")
    db.execute("CREATE INDEX IF NOT EXISTS indicators_value ON indicators (value)")
    now = time.strftime("%Y-%m-%d %H:%M:%S")
    rows = 0
    with open(feed, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        batch = []
        for record in reader:
            batch.append((record["indicator"].lower(), record["type"], record["threat"], int(record["confidence"] or 0),
                          record["first_seen"], now))
            if len(batch) == 10000:
                rows += upsert(db, batch)
                batch = []
        rows += upsert(db, batch)
    db.commit()
    db.close()
    print(json.dumps({"items": rows, "seconds": round(time.perf_counter() - start, 3)}))


def upsert(db, batch):
    db.executemany("""INSERT INTO indicators (value, type, threat, confidence, first_seen, last_seen)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (type, value) DO UPDATE SET last_seen = excluded.last_seen""", batch)
    return len(batch)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
