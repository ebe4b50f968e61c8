#!/usr/bin/env bash
# End-to-end test of terminalkit-gallery in a real terminal (tmux): it starts, draws, switches tabs,
# filters the help, changes theme, survives resizes (showing the size notice when too small),
# suspends and resumes, quits, and leaves the terminal sane, also after SIGTERM, SIGHUP and a
# closed terminal. Waits for text on screen instead of sleeping.
#
# Usage: scripts/e2e/terminalkit-gallery.sh            (builds with --scratch-path .build-tk)
#        GALLERY_BIN=/path/to/terminalkit-gallery scripts/e2e/terminalkit-gallery.sh
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=${SCRATCH_PATH:-.build-tk}
if [ -z "${GALLERY_BIN:-}" ]; then
    (cd "$ROOT" && swift build --scratch-path "$SCRATCH" --product terminalkit-gallery >/dev/null) || {
        echo "build failed"
        echo "0 passed, 1 failed"
        exit 1
    }
    GALLERY_BIN="$ROOT/$SCRATCH/debug/terminalkit-gallery"
fi

WORK=$(mktemp -d)
SOCKET="tk-e2e-$$"
TMUX_CMD=(tmux -u -L "$SOCKET" -f /dev/null)
PASSED=0
FAILED=0

cleanup() {
    "${TMUX_CMD[@]}" kill-server 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck source=lib/tmux.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tmux.sh"

# start SESSION: runs the gallery; afterwards the pane prints EXIT=status and saves `stty -a`.
start() {
    local session=$1
    "${TMUX_CMD[@]}" new-session -d -s "$session" -x 120 -y 35 \
        "env TERM=xterm-256color LANG=C.UTF-8 '$GALLERY_BIN'; echo EXIT=\$?; stty -a > '$WORK/$session.stty'; sleep 600"
}

# start_in_shell SESSION: an interactive bash (with job control, so Ctrl-Z really stops the gallery)
# that runs the gallery; after a Ctrl-Z the test types `fg`, then EXIT=status and `stty -a`.
start_in_shell() {
    local session=$1
    "${TMUX_CMD[@]}" new-session -d -s "$session" -x 120 -y 35 \
        "env -i HOME='$WORK' PATH='$PATH' TERM=xterm-256color LANG=C.UTF-8 PS1='tk\$ ' bash --norc --noprofile -i"
    wait_for "$session" 'tk$' >/dev/null
    send "$session" -l "'$GALLERY_BIN'; echo FIRST_EXIT=\$?"
    send "$session" Enter
}

gallery_pid() {
    local shell_pid
    shell_pid=$("${TMUX_CMD[@]}" display -p -t "$1" '#{pane_pid}')
    pgrep -P "$shell_pid" -f terminalkit-gallery | head -n 1
}

terminal_is_sane() {
    local file="$WORK/$1.stty"
    local deadline=$((SECONDS + 5))
    while [ ! -s "$file" ] && [ $SECONDS -le $deadline ]; do sleep 0.05; done
    [ -s "$file" ] || return 1
    for flag in icanon echo isig icrnl opost ixon; do
        grep -qE "(^| )$flag( |$)" "$file" || { echo "    stty: $flag is off"; return 1; }
    done
    [ "$("${TMUX_CMD[@]}" display -p -t "$1" '#{cursor_flag}')" = 1 ] || { echo "    cursor hidden"; return 1; }
    [ "$("${TMUX_CMD[@]}" display -p -t "$1" '#{alternate_on}')" = 0 ] || { echo "    still on the alternate screen"; return 1; }
}

# --- a session driven by keys, from an interactive shell
start_in_shell main
check "starts and draws the first tab" wait_for main "TerminalKit Gallery"
check "the table shows wide characters" wait_for main "株式会社テスト"
send main 3
check "3 switches to the charts tab" wait_for main "Gauges and progress"
send main '?'
check "? opens the help overlay" wait_for main "type to filter"
send main -l theme
check "typing filters the help" wait_for main "filter: theme"
check "the filtered help keeps the theme key" wait_for main "Next theme"
send main Escape
check "esc closes the help" wait_gone main "filter: theme"
send main :
check ": opens the command line" wait_gone main "TerminalKit Gallery"
send main -l "theme sol"
send main Tab
check "tab completes a command" wait_for main ":theme solarized-dark"
send main Enter
check "the command switches the theme" wait_for main "theme solarized-dark"
"${TMUX_CMD[@]}" resize-window -t main -x 60 -y 20
check "a tiny window shows the size notice" wait_for main "needs 80×24, have 60×20"
"${TMUX_CMD[@]}" resize-window -t main -x 100 -y 30
check "enlarging redraws the layout" wait_for main "TerminalKit Gallery"
send main 1
check "the data tab is back after resizing" wait_for main "Select list"
send main C-z
check "ctrl-z suspends to the shell" wait_for main "Stopped"
send main -l "stty -a > '$WORK/suspended.stty'; fg; echo EXIT=\$?; stty -a > '$WORK/main.stty'"
send main Enter
check "fg resumes and repaints" wait_for main "TerminalKit Gallery"
check "the terminal was sane while suspended" grep -qE "(^| )icanon( |$)" "$WORK/suspended.stty"
send main q
check "q quits with status 0" wait_for main "EXIT=0"
check "the terminal is sane after quitting" terminal_is_sane main

# --- signals and a closed terminal
start term
wait_for term "TerminalKit Gallery" >/dev/null
kill -TERM "$(gallery_pid term)"
check "SIGTERM exits with status 143" wait_for term "EXIT=143"
check "the terminal is sane after SIGTERM" terminal_is_sane term

start hup
wait_for hup "TerminalKit Gallery" >/dev/null
kill -HUP "$(gallery_pid hup)"
check "SIGHUP exits with status 129" wait_for hup "EXIT=129"
check "the terminal is sane after SIGHUP" terminal_is_sane hup

start gone
wait_for gone "TerminalKit Gallery" >/dev/null
PID=$(gallery_pid gone)
"${TMUX_CMD[@]}" kill-session -t gone
gone_exits() {
    local deadline=$((SECONDS + 10))
    while kill -0 "$PID" 2>/dev/null; do
        [ $SECONDS -le $deadline ] || return 1
        sleep 0.05
    done
}
check "closing the terminal ends the gallery" gone_exits

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
