#!/usr/bin/env python3
"""Copies every row of an Edulink SQLite database into an empty, migrated Edulink PostgreSQL
database, so the server benchmark runs on identical data on both stores.

    scripts/bench/sqlite-to-postgres.py SQLITE_FILE PSQL_BIN POSTGRES_URL

Benchmarks only: the two schemas are the same tables and columns by design (see the stores'
SchemaV1), so each table is streamed with COPY, converting by the PostgreSQL column's type
(Unix microseconds -> timestamptz, 0/1 -> boolean, JSON text -> jsonb). Triggers stay on, so
PostgreSQL computes its own search vectors, and counts each listing's applications as they are
copied: a listing's `application_count` is copied as 0 (copied as it is, every count doubled and
`edulink db check` failed on the copy). Identities are moved past the copied ids.
"""

import datetime
import sqlite3
import subprocess
import sys

TABLES = [
    "institutions", "organizations", "users", "student_profiles", "listings", "applications",
    "application_events", "audit_events", "notifications", "saved_listings", "saved_searches",
    "security_events", "outbox", "token_families", "refresh_tokens",
]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
# Columns that PostgreSQL's triggers keep from rows copied after them: copied as this value.
COUNTED = {("listings", "application_count"): 0}


def psql(psql_bin, url, sql, stdin=None):
    return subprocess.run([psql_bin, url, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql], input=stdin,
                          capture_output=True, text=True, check=True).stdout


def text_field(value, kind):
    if value is None:
        return "\\N"
    if kind == "timestamp with time zone":
        value = (EPOCH + datetime.timedelta(microseconds=int(value))).isoformat()
    elif kind == "boolean":
        value = "t" if value else "f"
    elif isinstance(value, bytes):
        value = "\\x" + value.hex()
    value = str(value)
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    sqlite_file, psql_bin, url = sys.argv[1:4]
    source = sqlite3.connect(sqlite_file)
    for table in TABLES:
        types = dict(
            line.split("|", 1) for line in psql(psql_bin, url, f"""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = '{table}'""").splitlines())
        present = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
        columns = [c for c in present if c in types and c != "search_vector"]
        selected = [str(COUNTED[(table, c)]) if (table, c) in COUNTED else c for c in columns]
        rows = source.execute(f"SELECT {', '.join(selected)} FROM {table}")
        data = "".join("\t".join(text_field(v, types[c]) for v, c in zip(row, columns)) + "\n" for row in rows)
        psql(psql_bin, url, f"\\copy {table} ({', '.join(columns)}) FROM STDIN", stdin=data)
        if "id" in columns and types.get("id") == "bigint":
            psql(psql_bin, url, f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                f"GREATEST((SELECT max(id) FROM {table}), 1))")
        print(f"{table}: {data.count(chr(10))} rows", file=sys.stderr)
    psql(psql_bin, url, "ANALYZE")


if __name__ == "__main__":
    main()
