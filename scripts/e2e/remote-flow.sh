#!/usr/bin/env bash
# End-to-end test of remote mode in a real terminal (tmux): `edulink serve` on a demo SQLite database
# and a free port, `edulink --server URL` signed in as the demo student. The student searches, opens a
# listing they can apply to and writes a cover letter; the server is killed (SIGKILL) before the
# submit. The submit shows the offline banner and keeps the draft (with its idempotency key) on disk;
# the server is started again on the same port, the banner goes away by itself, the same draft is
# submitted, and the database holds exactly one new application. The terminal is sane afterwards.
# Waits for text on screen or in the server's log, never bare sleeps.
#
# Usage: scripts/e2e/remote-flow.sh                  (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/remote-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin remote
DB="$WORK/campus.sqlite"
SERVER_PID=""

# The server started below stops with the script.
on_exit() {
    if [ -n "$SERVER_PID" ]; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
}

export EDULINK_BCRYPT_COST=4

# serve PORT LOG: starts `edulink serve` in the background (PORT 0 picks a free one), waits for its
# "listening" line and sets SERVER_PID and LISTENING (the port it listens on).
serve() {
    local port=$1 log=$2 deadline=$((SECONDS + 30))
    LISTENING=""
    "$EDULINK_BIN" serve --db "sqlite:$DB" --port "$port" --state-dir "$WORK/server-state" >/dev/null 2>"$log" &
    SERVER_PID=$!
    while [ $SECONDS -le $deadline ] && kill -0 "$SERVER_PID" 2>/dev/null; do
        if grep -q '"listening"' "$log" 2>/dev/null; then
            LISTENING=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 | grep -oE '[0-9]+$')
            return 0
        fi
        sleep 0.05
    done
    return 1
}

stop_server() {
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}

applications_of_student() {
    sqlite3 "$DB" "SELECT count(*) FROM applications WHERE student_id =
        (SELECT id FROM users WHERE email = 'student@edulink.demo')"
}

draft_files() { find "$WORK/data/edulink/servers" -name 'draft-*.json' 2>/dev/null; }

session_file_is_private() {
    local file
    file=$(find "$WORK/state/edulink/sessions" -name '*.json' 2>/dev/null | head -n 1)
    [ -n "$file" ] && [ "$(stat -c %a "$file")" = 600 ]
}

# The one draft on disk holds the cover letter and an idempotency key.
draft_kept_with_key() {
    local file
    file=$(draft_files | head -n 1)
    [ -n "$file" ] && grep -q '"idempotencyKey"' "$file" && grep -q 'campus club' "$file"
}

no_draft_files() { [ -z "$(draft_files)" ]; }

# eventually COMMAND…: polls COMMAND until it succeeds (10 s at most).
eventually() {
    local deadline=$((SECONDS + 10))
    while [ $SECONDS -le $deadline ]; do
        "$@" && return 0
        sleep 0.05
    done
    return 1
}

not_on_screen() { ! screen "$1" | grep -qF -- "$2"; }

"$EDULINK_BIN" demo --db "$DB" >/dev/null 2>"$WORK/demo.log" || { cat "$WORK/demo.log"; echo "0 passed, 1 failed"; exit 1; }
serve 0 "$WORK/server-1.log"
PORT=$LISTENING
check "edulink serve listens on a free port" [ -n "$PORT" ]
[ -n "$PORT" ] || { cat "$WORK/server-1.log"; echo "$PASSED passed, $((FAILED)) failed"; exit 1; }
before=$(applications_of_student)

"${TMUX_CMD[@]}" new-session -d -s remote -x 120 -y 35 \
    "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC PS1='e2e\$ ' bash --norc --noprofile -i"
wait_for remote 'e2e$' >/dev/null
send remote -l "XDG_DATA_HOME='$WORK/data' XDG_CONFIG_HOME='$WORK/config' XDG_STATE_HOME='$WORK/state' '$EDULINK_BIN' --server http://127.0.0.1:$PORT; echo EXIT=\$?; stty -a > '$WORK/remote.stty'"
send remote Enter

check "the login screen shows the server in the status bar" wait_for remote "server 127.0.0.1:$PORT" 30
check "no demo account list in remote mode" not_on_screen remote "Demo accounts"
send remote -l "student@edulink.demo"
send remote Tab
send remote -l "demo-password"
send remote Enter
check "the demo student signs in over HTTP and lands on Browse" wait_for remote "1 Browse"
check "Browse shows results from the server" wait_for remote "results"
check "the session is kept in a 0600 file under the state directory" session_file_is_private

send remote /
send remote -l "data"
send remote Enter
check "search over HTTP" wait_for remote "Showing: data"
send remote Escape
wait_for remote "All open listings" >/dev/null
send remote e
check "e keeps listings I can apply to" wait_for remote "Showing: eligible:yes"
found=0
for _ in $(seq 1 40); do
    if wait_for remote "You can apply" 2; then found=1; break; fi
    send remote j
done
check "a listing the demo student can apply to is found" [ "$found" = 1 ]
send remote Enter
wait_for remote "esc back" >/dev/null
check "Enter opens the listing's detail" wait_for remote "You can apply — press a"
send remote a
check "a opens the apply form" wait_for remote "Apply —"
send remote -l "I have built data dashboards for my campus club and cleaned survey data for two research projects; I would love to learn from your team."
for i in 1 2 3 4 5 6; do
    send remote Tab
    if wait_for remote "▸ $i." 1; then send remote y Space; else break; fi
done

stop_server
send remote C-s
wait_for remote "Send application" 5 >/dev/null
send remote Enter
check "submitting while the server is down shows the offline banner" wait_for remote "Offline — "
check "the form says the draft is kept" wait_for remote "Your draft is kept."
check "no error toasts: the banner is the report" not_on_screen remote "Something went wrong"
check "the draft is on disk with its idempotency key" draft_kept_with_key
check "nothing reached the database" [ "$(applications_of_student)" = "$before" ]

serve "$PORT" "$WORK/server-2.log"
check "the server starts again on the same port" [ "$LISTENING" = "$PORT" ]
check "the app notices by itself: the offline banner goes away" wait_gone remote "Offline — "
send remote C-s
wait_for remote "Send application" 5 >/dev/null
send remote Enter
check "the kept draft is sent" wait_for remote "Application sent."
check "it shows as pending" wait_for remote "pending by student"
check "exactly one application was written" [ "$(applications_of_student)" = "$((before + 1))" ]
check "the draft file is gone after the submit" eventually no_draft_files
check "the server saw no 5xx" bash -c "! grep -qE '\"status\":\"5[0-9][0-9]' '$WORK/server-1.log' '$WORK/server-2.log'"
check "one application was created, by one request" [ "$(grep -c '"status":"201"' "$WORK/server-2.log")" = 1 ]

send remote q
check "q quits with status 0" wait_for remote "EXIT=0"
check "the terminal is sane after quitting" terminal_is_sane remote

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
