#!/usr/bin/env python3
"""How long a writer waits while something else holds SQLite's write lock now and then.

Usage: scripts/bench/writer-latency.py DB SECONDS

One single-row update (a listing's application_count set to itself) in its own BEGIN IMMEDIATE
transaction every 10 ms for SECONDS, with secure_delete on as the store writes, and a 10 s busy
timeout as the store has; prints the median, p99 and longest wait and how many writes were refused.
Run it beside `search-bench tidy DB 10000` to see what the search index upkeep costs writers.
"""
import random
import sqlite3
import statistics
import sys
import time


def main() -> None:
    path, seconds = sys.argv[1], float(sys.argv[2])
    db = sqlite3.connect(path, isolation_level=None, timeout=10)
    db.execute("PRAGMA secure_delete = ON")
    ids = [row[0] for row in db.execute("SELECT id FROM listings WHERE status = 'published' LIMIT 20000")]
    if not ids:
        sys.exit("writer-latency: no published listings in " + path)
    waits, refused = [], 0
    end = time.time() + seconds
    while time.time() < end:
        listing = random.choice(ids)
        start = time.perf_counter()
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE listings SET application_count = application_count WHERE id = ?", (listing,))
            db.execute("COMMIT")
        except sqlite3.OperationalError:
            refused += 1
        waits.append((time.perf_counter() - start) * 1000)
        time.sleep(0.01)
    waits.sort()
    p99 = waits[max(0, int(len(waits) * 0.99) - 1)]
    print(f"writes {len(waits)}: median {statistics.median(waits):.2f} ms, p99 {p99:.1f} ms, "
          f"longest {waits[-1]:.1f} ms; refused {refused}")


if __name__ == "__main__":
    main()
