# Shared helpers of the tmux end-to-end scripts (sourced, not run). The edulink scripts call
# `e2e_begin NAME` right after sourcing; the gallery's script sets TMUX_CMD (tmux on a private
# socket), WORK (its temporary folder) and PASSED=0 FAILED=0 itself.

# e2e_begin NAME: ROOT; EDULINK_BIN (built with --scratch-path ${SCRATCH_PATH:-.build-tui} when
# unset); WORK, a temporary folder; TMUX_CMD, tmux on a private socket named after NAME; PASSED and
# FAILED; and a cleanup on exit that first runs the script's own `on_exit` when it defines one.
e2e_begin() {
    ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
    local scratch=${SCRATCH_PATH:-.build-tui}
    if [ -z "${EDULINK_BIN:-}" ]; then
        (cd "$ROOT" && swift build --scratch-path "$scratch" --product edulink >/dev/null) || {
            echo "build failed"
            echo "0 passed, 1 failed"
            exit 1
        }
        EDULINK_BIN="$ROOT/$scratch/debug/edulink"
    fi
    WORK=$(mktemp -d)
    TMUX_CMD=(tmux -u -L "edulink-e2e-$1-$$" -f /dev/null)
    PASSED=0
    FAILED=0
    trap e2e_cleanup EXIT
}

e2e_cleanup() {
    if declare -F on_exit >/dev/null; then on_exit; fi
    "${TMUX_CMD[@]}" kill-server 2>/dev/null
    rm -rf "$WORK" 2>/dev/null || true
}

screen() { "${TMUX_CMD[@]}" capture-pane -p -t "$1" 2>/dev/null; }
send() { "${TMUX_CMD[@]}" send-keys -t "$1" "${@:2}"; }

# wait_for SESSION TEXT [SECONDS]: polls the screen until TEXT appears (default 15 s).
wait_for() {
    local session=$1 text=$2 limit=${3:-15}
    local deadline=$((SECONDS + limit))
    while [ $SECONDS -le $deadline ]; do
        if screen "$session" | grep -qF -- "$text"; then return 0; fi
        sleep 0.05
    done
    return 1
}

# wait_gone SESSION TEXT: polls until TEXT is no longer on screen (Esc then another key too fast
# reads as Alt+key, as in any terminal).
wait_gone() {
    local session=$1 text=$2 deadline=$((SECONDS + 10))
    while [ $SECONDS -le $deadline ]; do
        if ! screen "$session" | grep -qF -- "$text"; then return 0; fi
        sleep 0.05
    done
    return 1
}

# terminal_is_sane SESSION: after the app exited, the pane's shell saved `stty -a` in
# $WORK/SESSION.stty; the line discipline is back (canonical mode, echo, signals, CR/NL mapping,
# output processing), the cursor shows and the alternate screen is off.
terminal_is_sane() {
    local file="$WORK/$1.stty"
    local deadline=$((SECONDS + 5))
    while [ ! -s "$file" ] && [ $SECONDS -le $deadline ]; do sleep 0.05; done
    [ -s "$file" ] || return 1
    for flag in icanon echo isig icrnl opost; do
        grep -qE "(^| )$flag( |$)" "$file" || { echo "    stty: $flag is off"; return 1; }
    done
    [ "$("${TMUX_CMD[@]}" display -p -t "$1" '#{cursor_flag}')" = 1 ] || { echo "    cursor hidden"; return 1; }
    [ "$("${TMUX_CMD[@]}" display -p -t "$1" '#{alternate_on}')" = 0 ] || { echo "    still on the alternate screen"; return 1; }
}

# sign_in SESSION EMAIL: signs in on the login screen with the demo password.
sign_in() {
    wait_for "$1" "Password" 60 >/dev/null
    send "$1" -l "$2"
    send "$1" Tab
    send "$1" -l "demo-password"
    send "$1" Enter
}

# select_until SESSION TEXT: presses j until TEXT is on screen (at most 30 times).
select_until() {
    local tries
    for tries in $(seq 1 30); do
        if wait_for "$1" "$2" 1; then return 0; fi
        send "$1" j
    done
    return 1
}

# check NAME COMMAND…: runs the check, prints a TAP-style line, and on failure every screen.
check() {
    local name=$1
    shift
    if "$@"; then
        PASSED=$((PASSED + 1))
        echo "ok - $name"
    else
        FAILED=$((FAILED + 1))
        echo "not ok - $name"
        for session in $("${TMUX_CMD[@]}" list-sessions -F '#{session_name}' 2>/dev/null); do
            echo "--- screen of $session"
            screen "$session" | sed 's/^/    /'
        done
    fi
}
