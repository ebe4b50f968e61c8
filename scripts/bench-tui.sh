#!/usr/bin/env bash
# Whole-process benchmark of the terminal app through tmux on a 1,000,000-listing database:
#   - process start to the login frame, and Enter on the login screen to the first Browse results frame;
#   - keystroke to frame while typing a search (median and p99 over every key), and search start to
#     the results frame;
#   - scrolling to the end of what is loaded with G and PgDn (key to the frame after the next page);
#   - peak RSS (VmHWM).
# Timestamps come from the app itself: EDULINK_FRAME_LOG=FILE makes it append `<monotonic ns> <event>`
# lines (key, frame, start, searched, results, paged, page). The database is generated once and cached
# in .build-bench/tui-1000000.sqlite (edulink demo, then edulink db generate --listings 1000000).
#
# Usage: scripts/bench-tui.sh [LISTINGS]      (release build with --scratch-path .build-tui-release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LISTINGS=${1:-1000000}
SCRATCH=${SCRATCH_PATH:-.build-tui-release}
swift build -c release --scratch-path "$SCRATCH" --product edulink >/dev/null
BIN="$ROOT/$SCRATCH/release/edulink"
mkdir -p .build-bench
DB="$ROOT/.build-bench/tui-$LISTINGS.sqlite"
export EDULINK_BCRYPT_COST=4
if [ ! -f "$DB" ]; then
    echo "generating $DB (once)…"
    "$BIN" demo --db "$DB" >/dev/null
    "$BIN" db generate --db "$DB" --listings "$LISTINGS"
fi

WORK=$(mktemp -d)
LOG="$WORK/frames.log"
SOCKET="edulink-bench-$$"
TMUX_CMD=(tmux -u -L "$SOCKET" -f /dev/null)
trap '"${TMUX_CMD[@]}" kill-server 2>/dev/null; rm -rf "$WORK" 2>/dev/null || true' EXIT
screen() { "${TMUX_CMD[@]}" capture-pane -p -t bench 2>/dev/null; }
send() { "${TMUX_CMD[@]}" send-keys -t bench "$@"; }
wait_for() {
    local text=$1 deadline=$((SECONDS + ${2:-60}))
    while [ $SECONDS -le $deadline ]; do
        if screen | grep -qF -- "$text"; then return 0; fi
        sleep 0.01
    done
    echo "bench-tui: timed out waiting for: $text" >&2
    screen >&2
    exit 1
}
monotonic() { python3 -c 'import time; print(time.monotonic_ns())'; }

"${TMUX_CMD[@]}" new-session -d -s bench -x 120 -y 35 \
    "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 PS1='b\$ ' bash --norc --noprofile -i"
wait_for 'b$'
send -l "XDG_CONFIG_HOME='$WORK' EDULINK_FRAME_LOG='$LOG' EDULINK_BCRYPT_COST=4 '$BIN' --db '$DB'; echo EXIT=\$?"
echo "launch $(monotonic)" >"$WORK/launch"
send Enter
wait_for "Demo accounts"
send Tab Tab
wait_for "student@edulink.demo"
send Enter
wait_for "results" 120
# Let the count and the first detail arrive before typing.
wait_for "closes in" 60
PID=$(pgrep -P "$("${TMUX_CMD[@]}" display -p -t bench '#{pane_pid}')" -x edulink | head -n 1)

# results_count: how many search results the app has drawn so far.
results_count() { grep -c ' results$' "$LOG" 2>/dev/null || true; }
wait_results() {
    local want=$1 deadline=$((SECONDS + 60))
    while [ "$(results_count)" -lt "$want" ]; do
        [ $SECONDS -le $deadline ] || { echo "bench-tui: no search results" >&2; exit 1; }
        sleep 0.005
    done
}

# Typing searches one key at a time; each key's search (after the 120 ms debounce) is answered
# before the next key, so every keystroke's search is measured.
send /
wait_for "words, \"phrases\""
for query in "data analyst" "software engineer nairobi" "marketing intern" "python developer"; do
    typed=""
    for ((i = 0; i < ${#query}; i++)); do
        character=${query:i:1}
        typed+=$character
        count=$(results_count)
        send -l "$character"
        wait_for "/ $typed"
        wait_results $((count + 1))
    done
    count=$(results_count)
    send C-u
    wait_results $((count + 1))
done
send Enter
wait_for "All open listings"

# Scrolling: G jumps to the last row loaded, which loads the next page; PgDn pages through.
for _ in $(seq 1 20); do send G; done
for _ in $(seq 1 60); do send NPage; done
wait_for "results"
RSS=$(grep VmHWM "/proc/$PID/status" | awk '{print $2}')
send q
wait_for "EXIT=0"

cp "$LOG" "$ROOT/.build-bench/tui-frames.log"
python3 - "$LOG" "$WORK/launch" "$RSS" "$LISTINGS" <<'PY'
import sys, statistics
log, launch_file, rss_kb, listings = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
launch = int(open(launch_file).read().split()[1])
events = [(int(t), e) for t, e in (line.split(maxsplit=1) for line in open(log).read().splitlines() if line.strip())]
frames = [t for t, e in events if e == "frame"]
def next_frame(after):
    for t in frames:
        if t >= after:
            return t
    return None
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
ms = lambda ns: ns / 1e6
first_frame = frames[0]
keys = [t for t, e in events if e == "key"]
results = [t for t, e in events if e == "results"]
# The Enter that signs in is the last key before the first results.
enter = max(t for t in keys if t < results[0])
first_results_frame = next_frame(results[0])
echo = [ms(next_frame(t) - t) for t in keys if next_frame(t)]
searches = []
starts = [t for t, e in events if e == "start"]
for t, e in events:
    if e == "searched":
        begun = max(s for s in starts if s <= t)
        done = next((r for r, e2 in events if e2 == "results" and r >= t), None)
        if done and next_frame(done):
            searches.append(ms(next_frame(done) - begun))
pages = []
for t, e in events:
    if e == "page":
        key = max(k for k in keys if k <= t)
        pages.append(ms(next_frame(t) - key))
print(f"listings                          {listings:,}")
print(f"process start → login frame       {ms(first_frame - launch):8.1f} ms")
print(f"Enter (sign in) → first results   {ms(first_results_frame - enter):8.1f} ms")
print(f"keystroke → frame                 median {statistics.median(echo):.2f} ms, p99 {pct(echo, 99):.2f} ms over {len(echo)} keys")
print(f"search start → results frame      median {statistics.median(searches):.1f} ms, p99 {pct(searches, 99):.1f} ms over {len(searches)} searches")
typed = []
for t, e in events:
    if e == "results":
        key = max(k for k in keys if k <= t)
        typed.append(ms(next_frame(t) - key))
print(f"keystroke → results frame         median {statistics.median(typed):.1f} ms, p99 {pct(typed, 99):.1f} ms (includes the 120 ms debounce)")
if pages:
    print(f"G/PgDn → next page's frame        median {statistics.median(pages):.1f} ms, p99 {pct(pages, 99):.1f} ms over {len(pages)} pages")
print(f"peak RSS (VmHWM)                  {rss_kb / 1024:.1f} MB")
PY
