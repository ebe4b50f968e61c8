#!/usr/bin/env bash
# End-to-end test of the terminal app (`edulink` with no subcommand) in a real terminal (tmux) on a
# fresh demo database: the demo student signs in, searches, filters, opens a listing, applies (first
# with a letter that is too short, then a good one), sees the application pending with its timeline,
# withdraws it, saves a listing, marks a notification read and quits; the terminal is sane afterwards,
# also after SIGTERM. One more pass runs at 80×24. Waits for text on screen, never bare sleeps.
#
# Usage: scripts/e2e/student-flow.sh                  (builds with --scratch-path .build-tui)
#        EDULINK_BIN=/path/to/edulink scripts/e2e/student-flow.sh
set -u

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"
e2e_begin student

# start SESSION WIDTH HEIGHT: a shell running the app on the temporary data folder; afterwards the pane
# prints EXIT=status and saves `stty -a`.
start() {
    local session=$1 width=$2 height=$3
    "${TMUX_CMD[@]}" new-session -d -s "$session" -x "$width" -y "$height" \
        "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 TZ=UTC PS1='e2e\$ ' bash --norc --noprofile -i"
    wait_for "$session" 'e2e$' >/dev/null
    send "$session" -l "XDG_DATA_HOME='$WORK/data' XDG_CONFIG_HOME='$WORK/config' EDULINK_BCRYPT_COST=4 '$EDULINK_BIN'; echo EXIT=\$?; stty -a > '$WORK/$session.stty'"
    send "$session" Enter
}

app_pid() {
    local shell_pid
    shell_pid=$("${TMUX_CMD[@]}" display -p -t "$1" '#{pane_pid}')
    pgrep -P "$shell_pid" -x edulink | head -n 1
}

unread_count() { screen "$1" | grep -oE '[0-9]+ unread' | head -n 1 | grep -oE '[0-9]+'; }
# settled_unread SESSION: the tab's unread count once it agrees with the status bar's ✉ (polled).
settled_unread() {
    local deadline=$((SECONDS + 10)) tab bar
    while [ $SECONDS -le $deadline ]; do
        tab=$(unread_count "$1")
        bar=$(screen "$1" | grep -oE '✉ [0-9]+' | head -n 1 | grep -oE '[0-9]+')
        if [ -n "$tab" ] && [ "$tab" = "$bar" ]; then break; fi
        sleep 0.05
    done
    echo "$tab"
}

# --- the whole student flow at 120×35
start main 120 35
check "a fresh start creates the demo database and lists the demo accounts" wait_for main "Demo accounts" 60
send main -l "student@edulink.demo"
send main Tab
send main -l "wrong-password"
send main Enter
check "a wrong password gets one clear message" wait_for main "incorrect"
send main -l "demo-password"
send main Enter
check "the demo student signs in and lands on Browse" wait_for main "1 Browse"
check "Browse shows results beside the listing" wait_for main "results"
send main /
send main -l "data"
send main Enter
check "search: the query is applied" wait_for main "Showing: data"
send main -l "/"
send main -l " remote:maybe"
check "a bad term gets its message" wait_for main 'expected yes or no'
send main C-w C-w Enter
send main f
check "f opens the filters panel" wait_for main "Filters"
send main j Space
check "filter: paid only is applied" wait_for main "paid:yes"
send main f
wait_gone main "Filters" >/dev/null
send main Escape
check "esc clears the search" wait_for main "All open listings"
send main e
check "e keeps listings I can apply to" wait_for main "Showing: eligible:yes"
found=0
for _ in $(seq 1 40); do
    if wait_for main "You can apply" 2; then found=1; break; fi
    send main j
done
check "a listing the demo student can apply to is found" [ "$found" = 1 ]
send main Enter
check "Enter opens the listing's full detail" wait_for main "You can apply — press a"
send main a
check "a opens the apply form" wait_for main "Apply —"
send main -l "Too short."
send main C-s
check "ctrl-s asks before sending" wait_for main "Send application"
send main Enter
check "a short cover letter gets its message next to the field" wait_for main "Cover letter must be at least 100 characters"
check "the form says what to do" wait_for main "Fix the highlighted fields."
send main C-u
# Below the minimum size only the notice's keys work: text typed behind it never reaches the form.
"${TMUX_CMD[@]}" resize-window -t main -x 60 -y 20
check "below 80×24 the size notice covers the form" wait_for main "needs 80×24, have 60×20"
send main -l "zxjvw"
"${TMUX_CMD[@]}" resize-window -t main -x 120 -y 35
check "back at full size the form returns" wait_for main "Apply —"
absent() { ! screen "$1" | grep -qF -- "$2"; }
check "…without what was typed behind the notice" absent main zxjvw
send main -l "I have built data dashboards for my campus club and cleaned survey data for two research projects; I would love to learn from your team."
for i in 1 2 3 4 5 6; do
    send main Tab
    if wait_for main "▸ $i." 1; then send main y Space; else break; fi
done
send main C-s
wait_for main "Send application" 5 >/dev/null
send main Enter
check "the application is sent" wait_for main "Application sent."
check "it shows as pending with its timeline" wait_for main "pending by student"
send main w
check "w asks before withdrawing" wait_for main "Withdraw application"
send main y
check "the timeline shows the withdrawal" wait_for main "withdrawn by student"
send main 1
wait_for main "results" >/dev/null
send main s
if wait_for main "Removed from saved." 3; then send main s; fi
check "s saves a listing" wait_for main "Saved."
send main 2
check "the saved listing is under Saved" wait_for main "Saved listings"
send main 4
check "the notifications tab shows the unread count" wait_for main "unread"
wait_for main "● " >/dev/null  # the list itself, not only its count (they load separately)
before=$(settled_unread main)
send main r
check "r marks a notification read" wait_for main "$((before - 1)) unread"
send main '?'
check "? shows the keys" wait_for main "esc closes"
send main Escape
wait_gone main "esc closes" >/dev/null
send main q
check "q quits with status 0" wait_for main "EXIT=0"
check "the terminal is sane after quitting" terminal_is_sane main

# --- SIGTERM restores the terminal
start term 120 35
wait_for term "Demo accounts" 30 >/dev/null
pid=$(app_pid term)
check "the app is running" [ -n "$pid" ]
[ -n "$pid" ] && kill -TERM "$pid"
check "SIGTERM ends it with 128+15" wait_for term "EXIT=143"
check "the terminal is sane after SIGTERM" terminal_is_sane term

# --- one pass at 80×24
start small 80 24
check "80×24: the login screen fits" wait_for small "Demo accounts" 30
send small Tab Tab Enter
check "80×24: Enter on the first demo account signs in" wait_for small "1 Browse"
send small /
send small -l "data"
send small Enter
check "80×24: search" wait_for small "Showing: data"
send small Enter
# The detail screen, not Browse behind it: Browse's own pane shows "Deadline" too, and an Esc sent
# before the detail has opened goes to Browse (the detail then opens over it).
detail_open() {
    local deadline=$((SECONDS + 15)) shown
    while [ $SECONDS -le $deadline ]; do
        shown=$(screen small)
        if grep -qF "Deadline" <<<"$shown" && ! grep -qF "/ search" <<<"$shown"; then return 0; fi
        sleep 0.05
    done
    return 1
}
check "80×24: the listing opens" detail_open
send small Escape
wait_for small "/ search" >/dev/null
send small 3
check "80×24: the applications tab" wait_for small "My applications"
# An admin's lock from another process ends the open session at its next call (nothing more is saved).
XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" "$EDULINK_BIN" user lock student@edulink.demo >/dev/null
send small 2
check "80×24: an admin's lock signs the running app out" wait_for small "An admin locked your account"
XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" "$EDULINK_BIN" user unlock student@edulink.demo >/dev/null
send small C-c
check "80×24: ctrl-c quits from the sign-in screen with status 0" wait_for small "EXIT=0"
check "80×24: the terminal is sane" terminal_is_sane small

# --- the idle lock (idle_lock_minutes = 1): it says the configured time, a wrong password may be
# retyped, and what is typed there never shows
mkdir -p "$WORK/config/edulink"
printf 'idle_lock_minutes = 1\n' >"$WORK/config/edulink/config.toml"
start idle 100 30
wait_for idle "Demo accounts" 30 >/dev/null
send idle Tab Tab Enter
wait_for idle "1 Browse" >/dev/null
check "after a minute without a key the app locks, saying the configured time" \
    wait_for idle "Locked after 1 minute idle" 100
send idle -l "wrongpass42"
send idle Enter
check "a wrong password at the lock may be retyped" wait_for idle "That password is not right; try again."
check "…and what was typed never shows" absent idle "wrongpass42"
send idle -l "demo-password"
send idle Enter
check "the right password unlocks" wait_gone idle "Locked after"
send idle q
check "the idle pass quits with status 0" wait_for idle "EXIT=0"
rm -f "$WORK/config/edulink/config.toml"

# --- a mistyped database path is an error, not a new demo database with public passwords
mistyped="$WORK/typo/edulnk.sqlite"
refusal=$(XDG_DATA_HOME="$WORK/data" "$EDULINK_BIN" --db "$mistyped" 2>&1)
check "a mistyped --db path names edulink demo and edulink init" \
    grep -qF "no database at $mistyped — create one with 'edulink demo' or 'edulink init'" <<<"$refusal"
check "…and creates nothing" [ ! -e "$WORK/typo" ]

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
