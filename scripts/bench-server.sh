#!/usr/bin/env bash
# Server throughput with wrk on loopback, on SQLite and on PostgreSQL with identical data:
# searches/s, successful applies/s and refused applies/s, each with p50/p99.
#
#   scripts/bench-server.sh [LISTINGS]   (default 100000 generated listings; 1,000,000 works but
#                                         takes long to generate on 2 cores)
#   BACKENDS=sqlite|postgres             one backend only (default both)
#   STUDENTS=6000                        students with complete profiles for the apply run
#   EDULINK_BIN=…                        use this binary instead of building a release one
#
# Data: `edulink demo` + `edulink db generate --listings LISTINGS` + `edulink dev hammer-setup`
# (20 open listings with capacity 10,000 and no questions, STUDENTS students with complete
# profiles) into a SQLite file, copied row by row into a fresh PostgreSQL database before any run
# (scripts/bench/sqlite-to-postgres.py), so both stores serve the same rows. PostgreSQL is the
# throwaway test cluster (scripts/postgres-test-cluster.sh; reused when running).
#
# Each run: `edulink serve` (release build) on 127.0.0.1 with the rate limit lifted, then wrk with
# 2 threads and 16 connections; the server is stopped with SIGTERM and must exit 0.
#   search:          POST /api/v1/listings/search, one common word, 20 rows, 20 s, as the demo student
#   apply (created): POST /api/v1/applications, 20 s, pre-issued tokens of the STUDENTS students,
#                    5 different listings each (the daily limit), then the next student; only 201s
#                    count (scripts/bench/apply-new.lua prints them; the run says if tokens ran out)
#   apply (refused): the demo student re-applying to a listing it applied to: 409, nothing written, 10 s
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 EDULINK_BCRYPT_COST=4
listings=${1:-100000}
backends=${BACKENDS:-sqlite postgres}
students=${STUDENTS:-6000}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ -n "${EDULINK_BIN:-}" ]; then
    bin=$EDULINK_BIN  # a quick trial of the script with another build
else
    swift build -c release --product edulink >/dev/null
    bin=$(swift build -c release --show-bin-path)/edulink
fi
work=$(mktemp -d)
server_pid=""
pg_url=""
psql_bin=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [ -n "$pg_url" ]; then "$psql_bin" "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== data: demo + $listings generated listings + hammer setup ($students students)"
"$bin" demo --db "$work/bench.sqlite" >/dev/null
"$bin" db generate --db "$work/bench.sqlite" --listings "$listings" >/dev/null
"$bin" dev hammer-setup --db "$work/bench.sqlite" --workers 1 --operations $((students * 5)) --listings 20 >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"

if [[ " $backends " == *" postgres "* ]]; then
    cluster=$(scripts/postgres-test-cluster.sh start)
    admin_url=${cluster#EDULINK_TEST_POSTGRES_URL=}
    psql_bin=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")/psql
    pg_db="edulink_bench_$$"
    "$psql_bin" "$admin_url" -qc "CREATE DATABASE $pg_db"
    pg_url="${admin_url%/*}/$pg_db"
    # The server migrates an empty database when it starts with --migrate; then the rows are copied in.
    "$bin" serve --db "$pg_url" --port "$port" --state-dir "$work/state" --migrate 2>/dev/null &
    server_pid=$!
    for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    kill -TERM "$server_pid"; wait "$server_pid"; server_pid=""
    python3 scripts/bench/sqlite-to-postgres.py "$work/bench.sqlite" "$psql_bin" "$pg_url" 2>/dev/null
fi

# Runs the three workloads against `edulink serve --db $1`.
bench() {
    local name=$1 db=$2
    "$bin" serve --db "$db" --port "$port" --state-dir "$work/state" --rate-limit 100000000 2>"$work/$name.log" &
    server_pid=$!
    for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
    TOKEN=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d '{"email":"student@edulink.demo","password":"demo-password"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
    LISTING=$(curl -fsS "$base/api/v1/applications/mine" -H "Authorization: Bearer $TOKEN" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["application"]["listingID"])')
    export TOKEN LISTING
    echo "== $name: searches ($listings listings), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    wrk -t2 -c16 -d${SEARCH_SECONDS:-20}s --latency -s scripts/bench/search.lua "$base" | grep -E "Requests/sec|^ +(50|99)%|Non-2xx"
    LISTINGS=$(python3 scripts/bench/issue-tokens.py "$base" "$students" "$work/tokens")
    export LISTINGS TOKENS="$work/tokens" WRK_THREADS=2
    echo "== $name: applies that succeed, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    wrk -t2 -c16 -d${APPLY_SECONDS:-20}s --latency -s scripts/bench/apply-new.lua "$base" |
        grep -E "Requests/sec|^ +(50|99)%|Non-2xx|201 Created"
    echo "== $name: applies refused as already applied (nothing written), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    wrk -t2 -c16 -d10s --latency -s scripts/bench/apply.lua "$base" | grep -E "Requests/sec|^ +(50|99)%|Non-2xx"
    kill -TERM "$server_pid"
    local status=0
    wait "$server_pid" || status=$?
    server_pid=""
    grep -q '"message":"stopped"' "$work/$name.log" && [ "$status" -eq 0 ] &&
        echo "== $name: stopped cleanly on SIGTERM" || { echo "bench-server: $name exited $status" >&2; exit 1; }
}

for backend in $backends; do
    case $backend in
    sqlite) bench SQLite "sqlite:$work/bench.sqlite" ;;
    postgres) bench PostgreSQL "$pg_url" ;;
    *) echo "bench-server: unknown backend $backend" >&2; exit 2 ;;
    esac
done
