# Shared helpers of the tmux end-to-end scripts (sourced, not run). The sourcing script sets
# TMUX_CMD (tmux on a private socket) and starts PASSED=0 FAILED=0.

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
