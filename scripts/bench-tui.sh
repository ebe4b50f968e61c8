#!/usr/bin/env bash
# Whole-process benchmark of the terminal app through tmux (default 1,000,000 listings):
#   - process start to the login frame, and Enter on the login screen to the first Browse results frame;
#   - typing a dozen searches a letter at a time, each key measured twice:
#       inside, by the app's own timestamps (EDULINK_FRAME_LOG=FILE appends `<monotonic ns> <event>`
#       lines: key, frame, start, searched, results, paged, page): keystroke → next frame, search
#       start → results frame, keystroke → results frame;
#       outside, as a person sees it (scripts/bench/tui-outside.py): tmux is the terminal emulator,
#       driven in control mode; from just before send-keys to the pty write after which tmux's
#       screen (text, colours, cursor) first shows what it settles on; median and p99 per query,
#       beside the frame log's figures for the same keys;
#   - scrolling to the end of what is loaded with G and PgDn (key to the frame after the next page);
#   - peak RSS (VmHWM) of the app (and of the server in remote mode).
# The database is generated once and cached in .build-bench/tui-LISTINGS.sqlite (edulink demo, then
# edulink db generate --listings LISTINGS). The report is markdown (table rows for BENCHMARKS.md),
# also kept in .build-bench/tui-LISTINGS-MODE[-LABEL].md with a JSON summary beside it.
#
# Usage: scripts/bench-tui.sh [LISTINGS]
#   BIN=/path/to/edulink      use this binary, no build (default: release build, --scratch-path
#                             .build-tui-release, or SCRATCH_PATH)
#   LABEL=before              names the run in the report and its files
#   BIN=/a/edulink,/b/edulink LABEL=before,after
#                             both binaries in one run, side by side: each has its own app (and
#                             server), signed in the same way; the queries alternate between them
#                             (a query on one, then on the other, the order swapped every query) so
#                             a machine whose load drifts weighs on both alike; then a comparison
#   REMOTE=1                  the app on a loopback `edulink serve` (same database file, same binary,
#                             rate limit lifted, no scheduled jobs), stopped by SIGTERM at the end
#   QUIET_MS=500              the screen counts as settled after this long without a pty write or frame
#   WAIT_SECONDS=600          how long to wait for anything before giving up (slow machines)
#   BENCH_DB=/tmp/x.sqlite    another database file (generated there if missing)
#   BENCH_DB=postgres://…     an Edulink PostgreSQL database (one binary; never generated here)
#   HOLD_CACHE=1              hold each database file in the OS's page cache for the whole run
#                             (scripts/bench/hold-in-cache.py: mapped and locked), so that a host that
#                             reclaims cache on its own cannot evict it mid-run; the report says so.
#                             On PostgreSQL, the database's files in a data directory on this machine.
# Sizes side by side, after a run at each:
#   scripts/bench/tui-outside.py compare .build-bench/tui-{10000,100000,1000000}-local.json
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LISTINGS=${1:-1000000}
REMOTE=${REMOTE:-0}
QUIET_MS=${QUIET_MS:-500}
WAIT_SECONDS=${WAIT_SECONDS:-600}
if [ "$REMOTE" = 1 ]; then MODE=remote; else MODE=local; fi
mkdir -p .build-bench

if [ -z "${BIN:-}" ]; then
    SCRATCH=${SCRATCH_PATH:-.build-tui-release}
    swift build -c release --scratch-path "$SCRATCH" --product edulink >/dev/null
    BIN="$ROOT/$SCRATCH/release/edulink"
fi
IFS=, read -ra BINS <<<"$BIN"
IFS=, read -ra LABELS <<<"${LABEL:-}"
APPS=${#BINS[@]}
for i in "${!BINS[@]}"; do
    [ -x "${BINS[i]}" ] || { echo "bench-tui: ${BINS[i]} is not an executable" >&2; exit 1; }
    BINS[i]=$(cd "$(dirname "${BINS[i]}")" && pwd)/$(basename "${BINS[i]}")
    if [ -z "${LABELS[i]:-}" ] && [ "$APPS" -gt 1 ]; then LABELS[i]="run$((i + 1))"; fi
    LABELS[i]=${LABELS[i]:-}
done
DB=${BENCH_DB:-"$ROOT/.build-bench/tui-$LISTINGS.sqlite"}
export EDULINK_BCRYPT_COST=4
POSTGRES=0
case "$DB" in postgres://* | postgresql://*) POSTGRES=1 ;; esac
# A database as the report names it: a URL without its password.
shown() { sed -E 's#(://[^:/@]+):[^@]*@#\1:…@#' <<<"${1#"$ROOT/"}"; }
if [ "$POSTGRES" = 1 ]; then
    # An Edulink PostgreSQL database (filled by scripts/bench/sqlite-to-postgres.py), opened by the
    # app (or its server with REMOTE=1), never generated or copied here, by one binary.
    [ "$APPS" = 1 ] || { echo "bench-tui: one binary at a time on a PostgreSQL database" >&2; exit 1; }
elif [ ! -f "$DB" ]; then
    echo "generating $DB (once)…"
    "${BINS[0]}" demo --db "$DB" >/dev/null
    "${BINS[0]}" db generate --db "$DB" --listings "$LISTINGS"
fi
# With several binaries, each opens its own copy of the database (made once per label, beside it):
# a newer binary migrates the file it opens, and an older one would then refuse it.
DBS=()
for i in "${!BINS[@]}"; do
    if [ "$APPS" -gt 1 ]; then
        DBS[i]="${DB%.sqlite}-${LABELS[i]}.sqlite"
        if [ ! -f "${DBS[i]}" ]; then
            echo "copying $DB to ${DBS[i]} (once)…" >&2
            sqlite3 "$DB" ".backup '${DBS[i]}'"
        fi
    else
        DBS[i]=$DB
    fi
done
load_average() { uptime | sed 's/.*load average: //'; }
LOAD_START=$(load_average)
# How much of a database file is in the OS's page cache (fincore, util-linux): at a million listings
# the file is 4.5 GB, and a key whose pages were evicted waits for the disk (hundreds of ms), so a
# run's tail says as much about the cache as about the app. Empty without fincore.
page_cache() {
    command -v fincore >/dev/null 2>&1 && [ -f "$1" ] || return 0
    fincore --bytes --noheadings --output RES,SIZE "$1" 2>/dev/null |
        awk '{ printf "%.0f of %.0f MB", $1 / 1048576, $2 / 1048576 }'
}
HOLDER_PID=""
HOLD_NOTE=""
if [ "${HOLD_CACHE:-0}" = 1 ]; then
    HELD=("${DBS[@]}")
    if [ "$POSTGRES" = 1 ]; then
        # The database's own files in the server's data directory (a server on this machine, whose
        # settings the URL's user may read): tables, indexes, TOAST.
        PSQL=$(command -v psql || ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1 || true)
        files=$("$PSQL" "$DB" -Atc "SELECT current_setting('data_directory') || '/base/' || oid FROM pg_database
            WHERE datname = current_database()") || { echo "bench-tui: cannot ask $DB for its files" >&2; exit 1; }
        [ -d "$files" ] || { echo "bench-tui: $files is not a folder on this machine" >&2; exit 1; }
        HELD=("$files"/*)
    fi
    # The helper prints "held N MB" once every page is read and locked; until then, nothing is timed.
    exec {holder}< <(exec python3 "$ROOT/scripts/bench/hold-in-cache.py" "${HELD[@]}")
    HOLDER_PID=$!
    trap 'kill "$HOLDER_PID" 2>/dev/null || true' EXIT  # until cleanup's trap takes over
    read -r -u "$holder" held || { echo "bench-tui: cannot hold the database in the page cache" >&2; exit 1; }
    HOLD_NOTE="; held in the page cache for the whole run (scripts/bench/hold-in-cache.py: $held)"
    echo "bench-tui: $held of database files locked in the page cache" >&2
fi
for i in "${!DBS[@]}"; do CACHE_START[i]=$(page_cache "${DBS[i]}"); done
echo "bench-tui: $LISTINGS listings, $MODE mode; load average $LOAD_START" >&2

WORK=$(mktemp -d)
SOCKET="edulink-bench-$$"
TMUX_CMD=(tmux -u -L "$SOCKET" -f /dev/null)
SOCKET_PATH=""
HELPER_PID=""
SERVE_PIDS=()
stop_server() {
    # SIGTERM, then the exit status (0 expected); SIGKILL only if it is still there after 60 s.
    local i=$1 pid=${SERVE_PIDS[$1]:-} status=0
    SERVE_PIDS[i]=""
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "bench-tui: edulink serve did not stop within 60 s of SIGTERM; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || status=$?
    return $status
}
cleanup() {
    if [ -n "$HOLDER_PID" ]; then kill "$HOLDER_PID" 2>/dev/null || true; fi
    if [ -n "$HELPER_PID" ]; then kill "$HELPER_PID" 2>/dev/null || true; fi
    "${TMUX_CMD[@]}" kill-server 2>/dev/null || true
    if [ -n "$SOCKET_PATH" ]; then rm -f "$SOCKET_PATH"; fi
    for i in "${!SERVE_PIDS[@]}"; do stop_server "$i" || true; done
    rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# screen/send/wait_for APP …: app APP's pane (session benchAPP).
screen() { "${TMUX_CMD[@]}" capture-pane -p -t "bench$1" 2>/dev/null; }
send() { local i=$1; shift; "${TMUX_CMD[@]}" send-keys -t "bench$i" "$@"; }
wait_for() {
    local i=$1 text=$2 deadline=$((SECONDS + WAIT_SECONDS))
    while [ $SECONDS -le $deadline ]; do
        if screen "$i" | grep -qF -- "$text"; then return 0; fi
        sleep 0.01
    done
    echo "bench-tui: timed out waiting for: $text" >&2
    screen "$i" >&2
    exit 1
}
monotonic() { python3 -c 'import time; print(time.monotonic_ns())'; }

URLS=()
if [ "$REMOTE" = 1 ]; then
    # The same database file behind a loopback server (one per binary, each on a free port); no
    # jobs, no rate limit (every keystroke is a search and a count).
    for i in "${!BINS[@]}"; do
        env XDG_CONFIG_HOME="$WORK/serve$i-config" XDG_STATE_HOME="$WORK/serve$i-state" EDULINK_BCRYPT_COST=4 \
            "${BINS[i]}" serve --db "${DBS[i]}" --state-dir "$WORK/serve$i-state" --host 127.0.0.1 --port 0 \
            --rate-limit 1000000000 --jobs-every 0 >"$WORK/serve$i.out" 2>"$WORK/serve$i.log" &
        SERVE_PIDS[i]=$!
        deadline=$((SECONDS + WAIT_SECONDS))
        URLS[i]=""
        while [ -z "${URLS[i]}" ]; do
            URLS[i]=$(grep -o '"address":"http://[^"]*"' "$WORK/serve$i.log" 2>/dev/null | head -n 1 | cut -d'"' -f4 || true)
            if ! kill -0 "${SERVE_PIDS[i]}" 2>/dev/null; then
                echo "bench-tui: edulink serve exited:" >&2; cat "$WORK/serve$i.log" >&2; exit 1
            fi
            [ $SECONDS -le $deadline ] || { echo "bench-tui: edulink serve did not start" >&2; exit 1; }
            [ -n "${URLS[i]}" ] || sleep 0.05
        done
        echo "bench-tui: remote mode: ${BINS[i]} serve (pid ${SERVE_PIDS[i]}) at ${URLS[i]} on $(shown "${DBS[i]}")" >&2
    done
else
    echo "bench-tui: local mode: the app opens $(for d in "${DBS[@]}"; do shown "$d"; done | paste -sd" ")" >&2
fi

# One tmux session per app, each signed in as the demo student and on Browse with its results.
PIDS=()
for i in "${!BINS[@]}"; do
    echo "bench-tui: app $((i + 1)) of $APPS: ${BINS[i]}${LABELS[i]:+ (${LABELS[i]})}" >&2
    mkdir -p "$WORK/home$i"
    if [ "$REMOTE" = 1 ]; then target="--server '${URLS[i]}'"; else target="--db '${DBS[i]}'"; fi
    "${TMUX_CMD[@]}" new-session -d -s "bench$i" -x 120 -y 35 \
        "env -i HOME='$WORK/home$i' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 PS1='b\$ ' bash --norc --noprofile -i"
    [ -n "$SOCKET_PATH" ] || SOCKET_PATH=$("${TMUX_CMD[@]}" display -p -t "bench$i" '#{socket_path}')
    wait_for "$i" 'b$'
    send "$i" -l "XDG_CONFIG_HOME='$WORK/home$i' EDULINK_FRAME_LOG='$WORK/frames$i.log' EDULINK_BCRYPT_COST=4 '${BINS[i]}' $target; echo EXIT=\$?"
    echo "launch $(monotonic)" >"$WORK/launch$i"
    send "$i" Enter
    if [ "$REMOTE" = 1 ]; then
        # No demo accounts on a server's sign-in screen: type them.
        wait_for "$i" "Sign in to continue"
        send "$i" -l "student@edulink.demo"
        send "$i" Tab
        send "$i" -l "demo-password"
    else
        wait_for "$i" "Demo accounts"
        send "$i" Tab Tab
        wait_for "$i" "student@edulink.demo"
    fi
    send "$i" Enter
    wait_for "$i" "results"
    # Let the count and the first detail arrive before typing.
    wait_for "$i" "closes in"
    pane_pid=$("${TMUX_CMD[@]}" display -p -t "bench$i" '#{pane_pid}')
    PIDS[i]=""
    for pid in $(pgrep -P "$pane_pid"); do
        if [ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "${BINS[i]}")" ]; then PIDS[i]=$pid; fi
    done
    [ -n "${PIDS[i]}" ] || { echo "bench-tui: cannot find the app's process" >&2; exit 1; }
done

# Typing: / opens the search field; every query a letter at a time, each key's screen settled before
# the next, C-u between queries (scripts/bench/tui-outside.py), alternating between the apps. In the
# background and waited for, so that a signal stops the run at once.
helper_args=()
for i in "${!BINS[@]}"; do
    helper_args+=(--target "bench$i" --log "$WORK/frames$i.log" --out "$WORK/outside$i.json")
done
python3 "$ROOT/scripts/bench/tui-outside.py" type --socket "$SOCKET" "${helper_args[@]}" \
    --quiet-ms "$QUIET_MS" --timeout "$WAIT_SECONDS" &
HELPER_PID=$!
wait "$HELPER_PID"
HELPER_PID=""

# Scrolling: G jumps to the last row loaded, which loads the next page (each G waits for its page,
# 10 s at most: a G pressed while a page is on its way loads nothing more); then PgDn pages through,
# and the pages stop arriving (none for 3 s). Then the peak RSS, and quit.
pages_loaded() { grep -c ' page$' "$WORK/frames$1.log" || true; }
RSS=()
for i in "${!BINS[@]}"; do
    send "$i" Enter
    wait_for "$i" "All open listings"
    for _ in $(seq 1 20); do
        before=$(pages_loaded "$i") deadline=$((SECONDS + 10))
        send "$i" G
        while [ "$(pages_loaded "$i")" -le "$before" ] && [ $SECONDS -le $deadline ]; do sleep 0.01; done
        [ "$(pages_loaded "$i")" -gt "$before" ] || break
    done
    for _ in $(seq 1 60); do send "$i" NPage; done
    wait_for "$i" "results"
    pages=-1 still=0 deadline=$((SECONDS + WAIT_SECONDS))
    while [ $still -lt 30 ] && [ $SECONDS -le $deadline ]; do
        now=$(pages_loaded "$i")
        if [ "$now" = "$pages" ]; then still=$((still + 1)); else still=0 pages=$now; fi
        sleep 0.1
    done
    RSS[i]=$(grep VmHWM "/proc/${PIDS[i]}/status" | awk '{print $2}')
    send "$i" q
    wait_for "$i" "EXIT=0"
done

SERVER_RSS=()
NOTES=()
for i in "${!BINS[@]}"; do
    SERVER_RSS[i]=0
    if [ "$REMOTE" = 1 ]; then
        SERVER_RSS[i]=$(grep VmHWM "/proc/${SERVE_PIDS[i]}/status" | awk '{print $2}')
        requests=$(grep -c '"message":"request"' "$WORK/serve$i.log" || true)
        failed=$(grep -c '"status":[45][0-9][0-9]' "$WORK/serve$i.log" || true)
        status=0
        stop_server "$i" || status=$?
        if [ "$status" != 0 ]; then
            echo "bench-tui: edulink serve exited $status after SIGTERM (expected 0)" >&2
            tail -n 5 "$WORK/serve$i.log" >&2
            exit 1
        fi
        NOTES[i]="mode: remote, \`edulink serve\` on 127.0.0.1 (same binary, on the database \`$(shown "${DBS[i]}")\`, rate limit lifted, no jobs); $requests requests, $failed answered 4xx/5xx; stopped by SIGTERM, exit 0"
    else
        NOTES[i]="mode: local, the database \`$(shown "${DBS[i]}")\`"
    fi
    if [ "$APPS" -gt 1 ]; then
        NOTES[i]+="; one of $APPS binaries run side by side, the queries alternating between them"
    fi
    if [ -n "${CACHE_START[i]}" ]; then
        NOTES[i]+="; the file in the OS's page cache: ${CACHE_START[i]} at the start, $(page_cache "${DBS[i]}") at the end"
    fi
    NOTES[i]+=$HOLD_NOTE
done
LOAD_END=$(load_average)

summaries=()
for i in "${!BINS[@]}"; do
    run="tui-$LISTINGS-$MODE${LABELS[i]:+-${LABELS[i]}}"
    cp "$WORK/frames$i.log" "$ROOT/.build-bench/$run-frames.log"
    cp "$WORK/outside$i.json" "$ROOT/.build-bench/$run-outside.json"
    python3 "$ROOT/scripts/bench/tui-outside.py" report --log "$WORK/frames$i.log" --launch "$WORK/launch$i" \
        --outside "$WORK/outside$i.json" --rss-kb "${RSS[i]}" --server-rss-kb "${SERVER_RSS[i]}" \
        --listings "$LISTINGS" --mode "$MODE" --label "${LABELS[i]}" --bin "${BINS[i]}" --note "${NOTES[i]}" \
        --load-start "$LOAD_START" --load-end "$LOAD_END" --summary "$ROOT/.build-bench/$run.json" |
        tee "$ROOT/.build-bench/$run.md"
    summaries+=("$ROOT/.build-bench/$run.json")
    echo
done
if [ "$APPS" -gt 1 ]; then
    python3 "$ROOT/scripts/bench/tui-outside.py" compare "${summaries[@]}"
fi
