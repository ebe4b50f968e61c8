#!/usr/bin/env bash
# Server throughput with wrk on loopback: searches/s and applies/s with p99, SQLite.
#   scripts/bench-server.sh [LISTINGS]     (default 100000 generated listings; 1,000,000 works but
#                                           takes long to generate on 2 cores)
# Bounded: each run is 16 connections on 2 threads for 20 seconds, against 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 EDULINK_BCRYPT_COST=4
listings=${1:-100000}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product edulink >/dev/null
bin=$(swift build -c release --show-bin-path)/edulink
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
"$bin" demo --db "$work/bench.sqlite" >/dev/null
"$bin" db generate --db "$work/bench.sqlite" --listings "$listings" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --db "sqlite:$work/bench.sqlite" --port "$port" --state-dir "$work/state" --rate-limit 100000000 \
    2>/dev/null &
server_pid=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
base="http://127.0.0.1:$port"
TOKEN=$(curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"student@edulink.demo","password":"demo-password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
export TOKEN
# A listing the student already applied to (the demo student has applications).
LISTING=$(curl -fsS "$base/api/v1/applications/mine" -H "Authorization: Bearer $TOKEN" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["application"]["listingID"])')
export LISTING
echo "== searches ($listings listings)"
wrk -t2 -c16 -d20s --latency -s scripts/bench/search.lua "$base" | grep -E "Requests/sec|99%|50%|Non-2xx"
echo "== applies (refused as already applied: full write path, nothing inserted)"
wrk -t2 -c16 -d20s --latency -s scripts/bench/apply.lua "$base" | grep -E "Requests/sec|99%|50%|Non-2xx"
