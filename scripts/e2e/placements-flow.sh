#!/usr/bin/env bash
# End-to-end test of a placement after the offer, in real terminals (tmux), three people at once on a
# fresh demo database: the demo student accepts the offer for Kusi Payments' settlement internship
# (it began eight days ago, so the placement is active in week 2); the demo employer assigns the demo
# supervisor; the student writes week 1 (a too-short text first: refused with the service's message);
# the supervisor returns it with a comment from the Logbooks queue; the student fixes and resubmits;
# the supervisor approves it with one key; the midpoint evaluation is written on the rubric form and
# the student sees it. Once in local mode at 120×35, once in remote mode against `edulink serve` at
# 80×24 under NO_COLOR. Waits for text on screen, never bare sleeps.
#
# Usage: scripts/e2e/placements-flow.sh                (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/placements-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin placements

export EDULINK_BCRYPT_COST=4
SERVER_PID=""
on_exit() {
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
}

# start SESSION WIDTH HEIGHT ARGS…: a shell running the app with ARGS (`--db FILE` or `--server URL`).
start() {
    local session=$1 width=$2 height=$3
    shift 3
    "${TMUX_CMD[@]}" new-session -d -s "$session" -x "$width" -y "$height" \
        "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC $EXTRA_ENV PS1='e2e\$ ' bash --norc --noprofile -i"
    wait_for "$session" 'e2e$' >/dev/null
    send "$session" -l "XDG_DATA_HOME='$WORK/data-$session' XDG_CONFIG_HOME='$WORK/config' XDG_STATE_HOME='$WORK/state-$session' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN' $*; echo EXIT=\$?"
    send "$session" Enter
}

week1_status() {
    sqlite3 "$DB" "SELECT e.status FROM logbook_entries e JOIN placements p ON p.id = e.placement_id
        JOIN users u ON u.id = p.student_id WHERE u.email = 'student@edulink.demo' AND e.week = 1"
}

# eventually COMMAND…: polls COMMAND until it succeeds (10 s at most).
eventually() {
    local deadline=$((SECONDS + 10))
    while [ $SECONDS -le $deadline ]; do
        "$@" && return 0
        sleep 0.05
    done
    return 1
}

# draft_holds TEXT: the student's logbook draft on this machine (beside the database in local mode)
# holds TEXT.
draft_holds() { find "$WORK" -name 'logbook-*.json' -exec grep -lF "$1" {} + 2>/dev/null | grep -q .; }

# week1_continued: the resubmitted text kept what was written first and continued it at the end.
week1_continued() {
    sqlite3 "$DB" "SELECT e.activities FROM logbook_entries e JOIN placements p ON p.id = e.placement_id
        JOIN users u ON u.id = p.student_id WHERE u.email = 'student@edulink.demo' AND e.week = 1" |
        grep -q "to a batch job. Both came from a timezone bug in the nightly export.$"
}

# flow LABEL WIDTH HEIGHT ARGS…: the whole story for one mode.
flow() {
    local label=$1 width=$2 height=$3
    shift 3
    local args="$*"

    # --- the student accepts the offer
    start student "$width" "$height" "$args"
    sign_in student "student@edulink.demo"
    check "$label: the demo student signs in" wait_for student "1 Browse" 30
    send student 3
    check "$label: Applications lists the settlement offer" select_until student "offered  Settlement Operations"
    send student A
    check "$label: A asks before accepting" wait_for student "Accept the offer"
    send student y
    check "$label: the offer is accepted" wait_for student "Offer accepted."
    send student 6
    check "$label: the Placement tab shows the active placement" wait_for student "Kusi Payments · active"
    check "$label: …with no supervisor yet" wait_for student "Workplace: not assigned"

    # --- the employer assigns the demo supervisor
    start employer "$width" "$height" "$args"
    sign_in employer "employer@edulink.demo"
    check "$label: the demo employer signs in" wait_for employer "1 Listings" 30
    send employer 6
    check "$label: Placements shows the new placement" select_until employer "Amani Wanjiru at Kusi Payments"
    send employer s
    check "$label: s opens the supervisor picker with loads" wait_for employer "Grace Wambui ·"
    send employer Enter
    check "$label: Grace Wambui is assigned" wait_for employer "Grace Wambui assigned."

    # --- the student writes week 1, too short first
    send student C-r
    check "$label: the student sees the supervisor" wait_for student "Workplace: Grace Wambui"
    send student e
    check "$label: e opens week 1's entry" wait_for student "Week 1 entry"
    send student -l "Coded stuff."
    send student Tab
    send student -l "38"
    send student C-s
    check "$label: ctrl-s asks before submitting" wait_for student "Submit week 1?"
    send student y
    check "$label: a too-short text is refused with the service's message" wait_for student "at least 20 characters"
    if [ "$label" = local ]; then
        # What is typed survives a SIGKILL of the app: the draft is on disk after each change.
        send student -l " More to come."
        check "$label: the draft is on disk" eventually draft_holds "More to come."
        pkill -KILL -P "$("${TMUX_CMD[@]}" display -p -t student '#{pane_pid}')" -f "$EDULINK_BIN"
        check "$label: the app is killed" wait_for student "EXIT=137"
        send student -l "XDG_DATA_HOME='$WORK/data-student' XDG_CONFIG_HOME='$WORK/config' XDG_STATE_HOME='$WORK/state-student' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN' $args; echo EXIT=\$?"
        send student Enter
        sign_in student "student@edulink.demo"
        wait_for student "1 Browse" 30 >/dev/null
        send student 6
        wait_for student "Kusi Payments · active" >/dev/null
        send student e
        check "$label: reopening restores the killed draft" wait_for student "Restored the draft of week 1"
        check "$label: …with what was typed" wait_for student "Coded stuff. More to come."
    fi
    send student C-u
    send student -l "Reconciled the settlement files against the ledger and traced two differences to a batch job."
    send student C-s
    wait_for student "Submit week 1?" >/dev/null
    send student y
    check "$label: week 1 is submitted" wait_for student "Week 1 submitted for review."
    check "$label: …and marked so in the week grid" wait_for student "[ 1●]"
    check "$label: …and stored as submitted" [ "$(week1_status)" = submitted ]

    # --- the supervisor returns it from the queue
    start supervisor "$width" "$height" "$args"
    sign_in supervisor "supervisor@edulink.demo"
    check "$label: the demo supervisor signs in on Interns" wait_for supervisor "1 Interns" 30
    send supervisor 2
    check "$label: the Logbooks queue holds the student's week 1" select_until supervisor "Amani Wanjiru · week 1"
    send supervisor r
    check "$label: r asks what to change" wait_for supervisor "What should the student change?"
    send supervisor -l "Name the two differences and how you traced them."
    send supervisor Enter
    check "$label: the entry is returned" wait_for supervisor "week 1: returned."

    # --- the student fixes and resubmits
    send student C-r
    check "$label: the student sees the comment" wait_for student "Supervisor: Name the two differences"
    send student e
    check "$label: the editor opens" wait_for student "Week 1 entry"
    check "$label: …with the text" wait_for student "Reconciled the settlement"
    send student -l " Both came from a timezone bug in the nightly export."
    send student C-s
    wait_for student "Submit week 1?" >/dev/null
    send student y
    # (the first submission's toast may still be up: wait for the week's mark instead)
    check "$label: the fixed entry is resubmitted" wait_for student "[ 1●]"
    check "$label: …continuing the first text where it ended" week1_continued

    # --- one key approves it
    send supervisor C-r
    check "$label: it is back in the queue" select_until supervisor "Amani Wanjiru · week 1"
    send supervisor a
    check "$label: a approves it" wait_for supervisor "week 1: approved."
    check "$label: …and it is stored approved" [ "$(week1_status)" = approved ]

    # --- the midpoint evaluation
    send supervisor 1
    check "$label: Interns lists the student" select_until supervisor "Amani Wanjiru at Kusi Payments"
    send supervisor v
    check "$label: v opens the rubric form" wait_for supervisor "Midpoint Evaluation"
    for _ in 1 2 3 4 5 6; do send supervisor Tab; done
    send supervisor -l "Careful with the ledger, asks early, and writes summaries the whole desk now reads."
    send supervisor C-s
    check "$label: ctrl-s asks before submitting" wait_for supervisor "Submit the midpoint evaluation?"
    send supervisor y
    check "$label: the evaluation is submitted" wait_for supervisor "The midpoint evaluation is submitted"
    send student C-r
    check "$label: the student sees the midpoint evaluation" wait_for student "Evaluations: midpoint v1 3/5"

    for session in student employer supervisor; do
        send "$session" q
        wait_for "$session" "EXIT=0" >/dev/null
        "${TMUX_CMD[@]}" kill-session -t "$session" 2>/dev/null
    done
}

# --- local mode: three apps on one database file
mkdir -p "$WORK/data"
DB="$WORK/placements.sqlite"
"$EDULINK_BIN" demo --db "$DB" >/dev/null 2>"$WORK/demo.log" || { cat "$WORK/demo.log"; echo "0 passed, 1 failed"; exit 1; }
EXTRA_ENV=""
flow local 120 35 --db "$DB"

# --- remote mode: the same story against `edulink serve`, at 80×24 under NO_COLOR
DB="$WORK/remote.sqlite"
"$EDULINK_BIN" demo --db "$DB" >/dev/null 2>"$WORK/demo-remote.log" || { cat "$WORK/demo-remote.log"; exit 1; }
"$EDULINK_BIN" serve --db "sqlite:$DB" --port 0 --state-dir "$WORK/server-state" >/dev/null 2>"$WORK/server.log" &
SERVER_PID=$!
PORT=""
deadline=$((SECONDS + 30))
while [ $SECONDS -le $deadline ] && [ -z "$PORT" ]; do
    PORT=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/server.log" 2>/dev/null | head -n 1 | grep -oE '[0-9]+$')
    sleep 0.05
done
check "edulink serve listens" [ -n "$PORT" ]
EXTRA_ENV="NO_COLOR=1"
flow remote 80 24 --server "http://127.0.0.1:$PORT"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
