#!/usr/bin/env bash
# Server throughput with wrk on loopback, on SQLite and on PostgreSQL with identical data, in one
# run: searches/s with a realistic query mix and the no-work floor beside it, searches/s with a few
# common words, successful applies/s and refused applies/s, each with p50/p99, non-2xx responses
# and the load average before and after; printed as markdown rows for BENCHMARKS.md.
#
#   scripts/bench-server.sh [LISTINGS]   (default $LISTINGS or 100000 generated listings; 1,000,000
#                                         works but takes long to generate on 2 cores)
#   BACKENDS=sqlite|postgres             one backend only (default both, SQLite first)
#   ONLY=search                          only the search mix and the floor (a short run); or a list of
#                                        workloads, e.g. ONLY=mix,floor,words,apply,refused (the default)
#   BIN=/path/to/edulink                 use this binary instead of building a release one (EDULINK_BIN
#                                        works too); BIN="before=/a/edulink after=/b/edulink" runs each
#                                        binary in turn on the same data, per backend, rows labelled so
#   LABEL=after                          the first column of the rows (default: the git commit when
#                                        building, else the binary's last two path components)
#   SEARCH_SECONDS=20 APPLY_SECONDS=20 REFUSED_SECONDS=10   the length of the rows
#   WRK_TIMEOUT=10s                      wrk's per-request timeout (its default, 2 s, would drop slow
#                                        requests from the latencies; timeouts are reported either way)
#   STUDENTS=6000                        students with complete profiles for the apply run
#   SEED=16 QUERIES=1000 REQUESTS=200000 ZIPF=1.0           the search mix (scripts/bench/search-mix.py)
#   PG_URL=postgres://postgres@host:port/postgres           an existing cluster to create the benchmark
#                                        databases in (default: a private throwaway cluster)
#
# Data: `edulink demo` + `edulink db generate --listings LISTINGS` + `edulink dev hammer-setup`
# (20 open listings with capacity 10,000 and no questions, STUDENTS students with complete
# profiles) into a SQLite file, copied row by row into a fresh PostgreSQL database before any run
# (scripts/bench/sqlite-to-postgres.py), so both stores serve the same rows. PostgreSQL is a
# throwaway cluster of its own (scripts/postgres-test-cluster.sh with a private state file: fsync
# off, 127.0.0.1), stopped at the end. With several binaries, each serves its own copy of the data
# (a copy of the SQLite file; CREATE DATABASE … TEMPLATE on PostgreSQL).
#
# Each run: `edulink serve` on 127.0.0.1 with the rate limit lifted (PostgreSQL: 20 connections),
# then wrk with 2 threads and 16 connections, one row per workload; a fresh access token of the
# demo student before each row; the server is stopped with SIGTERM and must exit 0.
#   mix:     POST /api/v1/listings/search, QUERIES distinct bodies (one to three words from
#            data/vocabulary, a third with filters, some in another order, a tenth asking for
#            page 2 or 3 with the cursor the server gave) in a Zipf-drawn order of REQUESTS
#            (scripts/bench/search-mix.py, scripts/bench/search-mix.lua). Before the row every
#            body is sent once (a check and a warm-up): each must return 200 with `items`.
#   floor:   the same with one word that matches nothing (`xyzzy`): authentication, the request's
#            reads and JSON, no search work to speak of
#   words:   one of eight common words per request (scripts/bench/search.lua), 20 rows
#   apply:   POST /api/v1/applications, APPLY_SECONDS, pre-issued tokens of the STUDENTS students,
#            5 different listings each (the daily limit), then the next student; requests/s counts
#            201s only (scripts/bench/apply-new.lua; the row says if tokens ran out)
#   refused: the demo student re-applying to a listing it applied to: 409, nothing written
# Non-2xx responses and socket errors are counted in every row (and flagged in bold, except the
# refused row's expected 409s); the run exits 4 at the end if any row had unexpected ones.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8 EDULINK_BCRYPT_COST=4
listings=${1:-${LISTINGS:-100000}}
backends=${BACKENDS:-sqlite postgres}
students=${STUDENTS:-6000}
search_seconds=${SEARCH_SECONDS:-20}
case ${ONLY:-all} in
all) workloads="mix floor words apply refused" ;;
search) workloads="mix floor" ;;
*) workloads=${ONLY//,/ } ;;
esac
for workload in $workloads; do
    case $workload in mix | floor | words | apply | refused) ;; *)
        echo "bench-server: unknown workload $workload (mix, floor, words, apply, refused; ONLY=search)" >&2
        exit 2
        ;;
    esac
done
has() { [[ " $workloads " == *" $1 "* ]]; }

bins=()
labels=()
spec=${BIN:-${EDULINK_BIN:-}}
if [ -z "$spec" ]; then
    swift build -c release --product edulink >/dev/null
    bins=("$(swift build -c release --show-bin-path)/edulink")
    labels=("${LABEL:-$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources Package.swift || echo +)}")
else
    for item in $spec; do
        if [[ $item == *=* ]]; then
            labels+=("${item%%=*}")
            bins+=("${item#*=}")
        else
            bins+=("$item")
            labels+=("${LABEL:-$(basename "$(dirname "$item")")/$(basename "$item")}")
        fi
    done
fi
for bin in "${bins[@]}"; do
    [ -x "$bin" ] || { echo "bench-server: $bin is not an executable" >&2; exit 2; }
done
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

work=$(mktemp -d)
server_pid=""
pg_url=""
pg_dbs=()
psql_bin=""
own_cluster=""
cleanup() {
    local status=$?
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -n "$pg_url" ]; then
        for db in "${pg_dbs[@]}"; do "$psql_bin" "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
    fi
    if [ -n "$own_cluster" ]; then
        EDULINK_PG_CLUSTER_STATE=$own_cluster scripts/postgres-test-cluster.sh stop || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

load1() { cut -d' ' -f1 /proc/loadavg; }
load3() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(load3)"
for i in "${!bins[@]}"; do echo "== binary ${labels[$i]}: ${bins[$i]}"; done
echo "== data: demo + $listings generated listings + hammer setup ($students students)"
bin=${bins[0]}
"$bin" demo --db "$work/bench.sqlite" >/dev/null
"$bin" db generate --db "$work/bench.sqlite" --listings "$listings" >/dev/null
"$bin" dev hammer-setup --db "$work/bench.sqlite" --workers 1 --operations $((students * 5)) --listings 20 >/dev/null

if has mix; then
    python3 scripts/bench/search-mix.py generate "$work/mix" --seed "${SEED:-16}" --queries "${QUERIES:-1000}" \
        --requests "${REQUESTS:-200000}" --zipf "${ZIPF:-1.0}"
fi
echo '{"filter":{"terms":[{"word":"xyzzy"}]},"limit":20}' >"$work/floor.jsonl"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"

# Starts `edulink serve` ($1 binary, $2 database, $3 log, more options after) and waits until it is ready.
start_server() {
    local bin=$1 db=$2 log=$3
    shift 3
    "$bin" serve --db "$db" --port "$port" --state-dir "$work/state" "$@" 2>"$log" &
    server_pid=$!
    for _ in $(seq 1 600); do
        curl -fsS "$base/readyz" >/dev/null 2>&1 && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "bench-server: the server did not become ready; its log:" >&2
    tail -20 "$log" >&2
    exit 1
}

# Stops the server with SIGTERM; it must exit 0 after logging "stopped".
stop_server() {
    local name=$1 log=$2 status=0
    kill -TERM "$server_pid"
    wait "$server_pid" || status=$?
    server_pid=""
    local errors
    errors=$(grep -cE '"level":"(error|critical)"' "$log" || true)
    if [ "$errors" -gt 0 ]; then
        echo "bench-server: WARNING: $name logged $errors errors, e.g.:" >&2
        grep -m3 -E '"level":"(error|critical)"' "$log" | cut -c1-400 >&2
        failed=1
    fi
    if grep -q '"message":"stopped"' "$log" && [ "$status" -eq 0 ]; then
        echo "== $name: stopped cleanly on SIGTERM"
    else
        echo "bench-server: $name exited $status; the end of its log:" >&2
        tail -5 "$log" >&2
        exit 1
    fi
}

if [[ " $backends " == *" postgres "* ]]; then
    if [ -n "${PG_URL:-}" ]; then
        admin_url=$PG_URL
    else
        own_cluster=$work/pg-cluster.state
        cluster=$(EDULINK_PG_CLUSTER_STATE=$own_cluster scripts/postgres-test-cluster.sh start)
        admin_url=${cluster#EDULINK_TEST_POSTGRES_URL=}
    fi
    psql_bin=$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")")/psql
    pg_db="edulink_bench_$$"
    pg_dbs+=("$pg_db")
    "$psql_bin" "$admin_url" -qc "CREATE DATABASE $pg_db"
    pg_url="${admin_url%/*}/$pg_db"
    # The server migrates an empty database when it starts with --migrate; then the rows are copied in.
    start_server "$bin" "$pg_url" "$work/migrate.log" --migrate
    stop_server "PostgreSQL migration" "$work/migrate.log" >/dev/null
    python3 scripts/bench/sqlite-to-postgres.py "$work/bench.sqlite" "$psql_bin" "$pg_url" 2>/dev/null
fi

login() {
    curl -fsS -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d '{"email":"student@edulink.demo","password":"demo-password"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

rows=$work/rows.md
failed=0
# One wrk row: row RUN BACKEND WORKLOAD SECONDS SCRIPT NOTE [--expect-status]; TOKEN etc. exported.
row() {
    local run=$1 backend=$2 workload=$3 seconds=$4 script=$5 note=$6 flag=${7:-}
    local before after out=$work/wrk.out status=0
    before=$(load1)
    echo "== $run, $backend: $workload, ${seconds}s, load average $(load3)"
    wrk -t2 -c16 -d"${seconds}s" --timeout "${WRK_TIMEOUT:-10s}" --latency -s "$script" "$base" >"$out" 2>&1 || status=$?
    after=$(load1)
    grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors|201 Created|requests in" "$out" | sed 's/^ */   /' || true
    [ "$status" -eq 0 ] || { echo "bench-server: wrk exited $status:" >&2; cat "$out" >&2; }
    local line
    line=$(python3 scripts/bench/wrk-row.py "$out" "$run" "$backend" "$workload" "$before" "$after" "$note" ${flag:+"$flag"}) || {
        failed=1
        echo "bench-server: WARNING: $backend $workload had non-2xx responses or socket errors (see the row)" >&2
    }
    echo "$line" | tee -a "$rows"
}

# Runs the workloads with binary $2 (labelled $1) against `edulink serve --db $4` ($3 the backend's name).
bench() {
    local run=$1 bin=$2 name=$3 db=$4
    runs=$((runs + 1))
    local log="$work/serve-$runs-$name.log"
    local migrate=()
    # A later binary may bring a PostgreSQL migration (SQLite migrates when opened).
    [ "$name" = PostgreSQL ] && migrate=(--migrate)
    start_server "$bin" "$db" "$log" --rate-limit 100000000 "${migrate[@]}"
    export WRK_THREADS=2
    if has mix; then
        local bodies="$work/mix-bodies-$name-${#prepared[@]}.jsonl" check_status=0
        TOKEN=$(login) python3 scripts/bench/search-mix.py prepare "$work/mix" "$base" "$bodies" --name "$name, $run" |
            tee "$work/check.out" || check_status=$?
        prepared+=("$bodies")
        prepared_names+=("$name, $run")
        local note
        note="$(sed -n 's/.* \([0-9]*\) return listings, \([0-9]*\) none (\([0-9.%]*\) of the requests).*/\3 of the requests find no listing/p' "$work/check.out")"
        [ "$check_status" -eq 0 ] || { note="CHECK FAILED (see above); $note"; failed=1; }
        TOKEN=$(login) MIX_BODIES=$bodies MIX_SEQUENCE=$work/mix/sequence.txt \
            row "$run" "$name" "search, query mix" "$search_seconds" scripts/bench/search-mix.lua "$note"
    fi
    if has floor; then
        TOKEN=$(login)
        local sample
        sample=$(curl -sS -X POST "$base/api/v1/listings/search" -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/json' -d @"$work/floor.jsonl" -w '\n%{http_code}')
        if [ "$(echo "$sample" | tail -1)" = 200 ] &&
            echo "$sample" | head -1 | python3 -c 'import json,sys; assert json.load(sys.stdin)["items"] == []'; then
            echo "check ($name, $run): the floor's query -> 200 with no items"
        else
            echo "bench-server: WARNING: the floor's query returned $(echo "$sample" | tail -1): $(echo "$sample" | head -1 | cut -c1-300)" >&2
            failed=1
        fi
        TOKEN=$TOKEN MIX_BODIES=$work/floor.jsonl MIX_SEQUENCE="" \
            row "$run" "$name" "search floor (xyzzy, no match)" "$search_seconds" scripts/bench/search-mix.lua ""
    fi
    if has words; then
        TOKEN=$(login) row "$run" "$name" "search, 8 common words" "$search_seconds" scripts/bench/search.lua ""
    fi
    if has apply; then
        local ids
        ids=$(python3 scripts/bench/issue-tokens.py "$base" "$students" "$work/tokens")
        LISTINGS=$ids TOKENS=$work/tokens \
            row "$run" "$name" "apply, created (201 only)" "${APPLY_SECONDS:-20}" scripts/bench/apply-new.lua ""
    fi
    if has refused; then
        TOKEN=$(login)
        LISTING=$(curl -fsS "$base/api/v1/applications/mine" -H "Authorization: Bearer $TOKEN" |
            python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["application"]["listingID"])')
        local refusal
        refusal=$(BASE=$base TOKEN=$TOKEN LISTING=$LISTING python3 -c '
import json, os, urllib.error, urllib.request
body = json.dumps({"listingID": int(os.environ["LISTING"]), "coverLetter": "I would love to learn from your team. " * 4, "answers": []})
request = urllib.request.Request(os.environ["BASE"] + "/api/v1/applications", data=body.encode(), method="POST",
    headers={"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["TOKEN"]})
try:
    urllib.request.urlopen(request, timeout=60); print("201 (not refused!)")
except urllib.error.HTTPError as error:
    print(error.code, error.read().decode()[:200])')
        case $refusal in
        "409 "*already_applied*) echo "check ($name, $run): the refused apply -> ${refusal:0:120}" ;;
        *) echo "bench-server: WARNING: the refused apply returned $refusal" >&2; failed=1 ;;
        esac
        TOKEN=$TOKEN LISTING=$LISTING row "$run" "$name" "apply, refused (409 expected)" "${REFUSED_SECONDS:-10}" \
            scripts/bench/apply.lua "" --expect-status
    fi
    stop_server "$name, $run" "$log"
}

prepared=()
prepared_names=()
runs=0
for backend in $backends; do
    for i in "${!bins[@]}"; do
        case $backend in
        sqlite)
            db=$work/bench.sqlite
            if [ "${#bins[@]}" -gt 1 ]; then
                db=$work/run.sqlite
                rm -f "$db" "$db-wal" "$db-shm"
                python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' "$work/bench.sqlite" "$db"
            fi
            bench "${labels[$i]}" "${bins[$i]}" SQLite "sqlite:$db"
            ;;
        postgres)
            db=$pg_url
            if [ "${#bins[@]}" -gt 1 ]; then
                copy="edulink_bench_$$_$i"
                pg_dbs+=("$copy")
                "$psql_bin" "$admin_url" -qc "CREATE DATABASE $copy TEMPLATE $pg_db"
                db="${admin_url%/*}/$copy"
            fi
            bench "${labels[$i]}" "${bins[$i]}" PostgreSQL "$db"
            ;;
        *) echo "bench-server: unknown backend $backend" >&2; exit 2 ;;
        esac
    done
done

echo
echo "== rows ($listings listings, $(date -u +%Y-%m-%d), load average now $(load3))"
echo "| run | backend | workload | requests/s | p50 | p99 | non-2xx | load before → after | notes |"
echo "|---|---|---|---:|---:|---:|---:|---|---|"
cat "$rows"
if [ "${#prepared[@]}" -gt 1 ]; then
    same=yes
    for file in "${prepared[@]:1}"; do cmp -s "${prepared[0]}.filters" "$file.filters" || same=no; done
    echo
    echo "== the same ${QUERIES:-1000} queries (without cursors) in every run of the mix: $same"
    [ "$same" = yes ] || echo "   (a paged query had fewer pages on one store or binary than another and was replaced differently)"
    for i in "${!prepared[@]}"; do
        [ "$i" -gt 0 ] || continue
        python3 scripts/bench/search-mix.py compare "${prepared[0]}.results" "${prepared[$i]}.results" \
            --names "${prepared_names[0]} vs ${prepared_names[$i]}"
    done
fi
[ "$failed" -eq 0 ] || { echo "bench-server: some rows had non-2xx responses, socket errors or failed checks" >&2; exit 4; }
