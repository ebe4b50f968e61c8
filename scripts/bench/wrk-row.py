#!/usr/bin/env python3
"""Turns the `BENCH …` line that scripts/bench/report.lua adds to wrk's output into a markdown row
of the server benchmark's table (see BENCHMARKS.md, "## Server (wrk, loopback)").

    scripts/bench/wrk-row.py WRK_OUTPUT RUN BACKEND WORKLOAD LOAD_BEFORE LOAD_AFTER [NOTE] [--expect-status]

Columns: run | backend | workload | requests/s | p50 | p99 | non-2xx | load before → after | notes.
When the output has `created=` (scripts/bench/apply-new.lua), requests/s counts the 201s only.
Socket errors (connect, read, write, timeout) go into the notes. Exit status 4 when there were
non-2xx responses or socket errors, unless --expect-status (the refused applies are all 409).
"""
import re
import sys


def duration(us):
    if us >= 1_000_000:
        return f"{us / 1e6:.2f} s"
    if us >= 100_000:
        return f"{us / 1e3:.0f} ms"
    if us >= 1_000:
        return f"{us / 1e3:.1f} ms"
    return f"{us:.0f} µs"


def main():
    args = [a for a in sys.argv[1:] if a != "--expect-status"]
    expect_status = "--expect-status" in sys.argv
    output, run, backend, workload, before, after = args[:6]
    note = args[6] if len(args) > 6 else ""
    text = open(output, encoding="utf-8", errors="replace").read()
    match = re.search(r"^BENCH (.*)$", text, re.M)
    if not match:
        print(f"| {run} | {backend} | {workload} | – | – | – | – | {before} → {after} | wrk failed: no result |")
        sys.exit(5)
    values = {k: int(v) for k, v in (field.split("=") for field in match.group(1).split())}
    seconds = values["duration_us"] / 1e6
    notes = []
    if "created" in values:
        rate = values["created"] / seconds
        rps = f"{rate:,.0f}"
        notes.append(f"{values['created']:,} created of {values['requests']:,} requests in {seconds:.0f} s")
        if values.get("ran_out"):
            rps = "≥ " + rps
            notes.append("the tokens ran out (STUDENTS=… for more), so the rate is a lower bound "
                         "and the non-2xx are the refusals after")
            expect_status = True
    else:
        rps = f"{values['requests'] / seconds:,.0f}"
        notes.append(f"{values['requests']:,} requests in {seconds:.0f} s")
    errors = {k: values[k] for k in ("connect", "read", "write", "timeout") if values[k]}
    if errors:
        notes.append("SOCKET ERRORS " + ", ".join(f"{k} {v}" for k, v in errors.items()))
    if note:
        notes.append(note)
    non2xx = f"{values['non2xx']:,}"
    if values["non2xx"] and not expect_status:
        non2xx = f"**{non2xx}**"
    print(f"| {run} | {backend} | {workload} | {rps} | {duration(values['p50_us'])} | "
          f"{duration(values['p99_us'])} | {non2xx} | {before} → {after} | {'; '.join(notes)} |")
    if (values["non2xx"] and not expect_status) or errors:
        sys.exit(4)


if __name__ == "__main__":
    main()
